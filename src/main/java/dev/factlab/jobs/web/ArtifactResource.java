package dev.factlab.jobs.web;

import java.io.InputStream;

import dev.factlab.jobs.JobArtifact;

import org.springframework.core.io.AbstractResource;

/**
 * A job's artifact as a {@link org.springframework.core.io.Resource} whose length is
 * known without reading it: Spring MVC then sends {@code Content-Length}, answers a
 * {@code Range} request with 206 (skipping to the range through the stream's cheap
 * {@code skip}), and copies the bytes to the response through a small buffer, a chunk
 * read from the database at a time.
 */
final class ArtifactResource extends AbstractResource {

	private final JobArtifact.Download download;

	ArtifactResource(JobArtifact.Download download) {
		this.download = download;
	}

	@Override
	public InputStream getInputStream() {
		return download.open();
	}

	@Override
	public long contentLength() {
		return download.artifact().sizeBytes();
	}

	@Override
	public long lastModified() {
		return download.artifact().createdAt().toEpochMilli();
	}

	@Override
	public String getFilename() {
		return download.artifact().name();
	}

	@Override
	public String getDescription() {
		return "job artifact " + download.artifact().href();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ArtifactResource that && that.download.equals(download);
	}

	@Override
	public int hashCode() {
		return download.hashCode();
	}

}
