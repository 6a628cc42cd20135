package dev.factlab.jobs;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A file a job saved, without its content.
 *
 * @param href where to download it
 */
@Schema(description = "A file a job saved")
public record JobArtifact(
		@Schema(description = "Artifact name, unique within the job", example = "vectors.f32") String name,
		@Schema(description = "Its media type", example = "application/octet-stream") String contentType,
		@Schema(description = "Its size in bytes", example = "4000000") long sizeBytes,
		@Schema(description = "When the job saved it", example = "2026-05-04T10:23:22.400Z") Instant createdAt,
		@Schema(description = "Where to download it",
				example = "/api/v1/jobs/4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44/artifacts/vectors.f32") String href) {

	/** An artifact with its bytes. */
	public record Content(JobArtifact artifact, byte[] bytes) {
	}

	/**
	 * An artifact whose bytes are read from the database a chunk at a time while a reader
	 * consumes them: what a download holds in memory does not grow with the artifact.
	 *
	 * @param opener a new stream over the bytes from the start each time; its
	 * {@code skip} is cheap (it jumps over whole chunks unread), and it fails with an
	 * IOException if the artifact is replaced while it is read
	 */
	public record Download(JobArtifact artifact, Supplier<InputStream> opener) {

		public InputStream open() {
			return opener.get();
		}

	}

}
