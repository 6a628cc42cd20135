package dev.factlab.jobs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.factlab.jobs.JobArtifact;
import dev.factlab.jobs.JobView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code job_artifacts} table (what a job saved: name, type, size) and its bytes in
 * {@code job_artifact_chunks}, {@value #CHUNK_BYTES} bytes a row, so a download reads one
 * chunk at a time ({@link #open}) and never the whole file at once. Artifacts go with
 * their job ({@link JobStore#deleteFinishedBefore}).
 */
@Repository
public class JobArtifacts {

	/**
	 * Bytes per chunk row; migration V3_3 cut the existing artifacts at the same size.
	 * What one download holds in memory at a time (the PostgreSQL driver decodes a row
	 * from its text form: about 3 × this while it reads one).
	 */
	public static final int CHUNK_BYTES = 256 * 1024;

	private final JdbcClient jdbc;

	JobArtifacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Replaces the artifact of that name, in one transaction: its rows get a new id, so a
	 * download of the replaced one fails instead of mixing the two.
	 */
	@Transactional
	public void save(UUID jobId, String name, String contentType, byte[] content, Instant now) {
		jdbc.sql("delete from job_artifacts where job_id = ? and name = ?").params(jobId, name).update();
		long id = jdbc.sql("select nextval('job_artifact_ids')").query(Long.class).single();
		jdbc.sql("insert into job_artifacts (id, job_id, name, content_type, size_bytes, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(id, jobId, name, contentType, (long) content.length, StoredTime.column(now))
			.update();
		for (int seq = 0; (long) seq * CHUNK_BYTES < content.length; seq++) {
			int from = seq * CHUNK_BYTES;
			byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK_BYTES));
			jdbc.sql("insert into job_artifact_chunks (artifact_id, seq, content) values (?, ?, ?)")
				.params(id, seq, chunk)
				.update();
		}
	}

	public void deleteAll(UUID jobId) {
		jdbc.sql("delete from job_artifacts where job_id = ?").param(jobId).update();
	}

	/** A job's artifacts without their bytes, by name. */
	public List<JobArtifact> list(UUID jobId) {
		return jdbc
			.sql("select name, content_type, size_bytes, created_at from job_artifacts where job_id = ? order by name")
			.param(jobId)
			.query((rs, n) -> artifact(jobId, rs))
			.list();
	}

	/** One artifact's description and the id of its chunks. */
	public Optional<Stored> find(UUID jobId, String name) {
		return jdbc
			.sql("select id, name, content_type, size_bytes, created_at from job_artifacts "
					+ "where job_id = ? and name = ?")
			.params(jobId, name)
			.query((rs, n) -> new Stored(rs.getLong("id"), artifact(jobId, rs)))
			.optional();
	}

	/**
	 * The bytes of a stored artifact as a stream that reads one chunk (one short query,
	 * its own connection) when it needs the next: a slow reader holds no connection. Its
	 * {@code skip} jumps over whole chunks without reading them. It fails with an
	 * {@link IOException} if the artifact is replaced or deleted while it is read.
	 */
	public InputStream open(Stored stored) {
		return new ChunkStream(stored);
	}

	/** The whole artifact in one array, for callers that need it all at once. */
	public byte[] readAll(Stored stored) {
		byte[] bytes = new byte[Math.toIntExact(stored.artifact().sizeBytes())];
		try (InputStream in = open(stored)) {
			in.readNBytes(bytes, 0, bytes.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes;
	}

	private Optional<byte[]> chunk(long id, int seq) {
		return jdbc.sql("select content from job_artifact_chunks where artifact_id = ? and seq = ?")
			.params(id, seq)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	private static JobArtifact artifact(UUID jobId, ResultSet rs) throws SQLException {
		String name = rs.getString("name");
		return new JobArtifact(name, rs.getString("content_type"), rs.getLong("size_bytes"),
				StoredTime.read(rs, "created_at"), JobView.Links.of(jobId).artifacts() + "/" + name);
	}

	/**
	 * An artifact as stored: its description, and the id its chunks are filed under (new
	 * each time the name is saved).
	 */
	public record Stored(long id, JobArtifact artifact) {
	}

	/** Reads chunk after chunk as the reader consumes them; holds at most one. */
	private final class ChunkStream extends InputStream {

		private final Stored stored;

		private final long size;

		private long position;

		private byte[] chunk;

		private int chunkSeq = -1;

		ChunkStream(Stored stored) {
			this.stored = stored;
			this.size = stored.artifact().sizeBytes();
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, target.length);
			if (position >= size) {
				return -1;
			}
			if (length == 0) {
				return 0;
			}
			int seq = (int) (position / CHUNK_BYTES);
			if (seq != chunkSeq) {
				chunk = null;
				chunkSeq = -1;
				long expected = Math.min(CHUNK_BYTES, size - (long) seq * CHUNK_BYTES);
				byte[] next = chunk(stored.id(), seq).orElse(null);
				if (next == null || next.length != expected) {
					throw new IOException("artifact '%s' was replaced or deleted while it was read (chunk %d)"
						.formatted(stored.artifact().name(), seq));
				}
				chunk = next;
				chunkSeq = seq;
			}
			int within = (int) (position - (long) seq * CHUNK_BYTES);
			int n = Math.min(length, chunk.length - within);
			System.arraycopy(chunk, within, target, offset, n);
			position += n;
			return n;
		}

		@Override
		public long skip(long n) {
			long skipped = Math.max(0, Math.min(n, size - position));
			position += skipped;
			return skipped;
		}

		@Override
		public int available() {
			return chunkSeq < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE,
					Math.max(0, (long) chunkSeq * CHUNK_BYTES + chunk.length - position));
		}

		@Override
		public void close() {
			chunk = null;
		}

	}

}
