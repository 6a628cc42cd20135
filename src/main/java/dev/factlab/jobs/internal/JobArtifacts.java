package dev.factlab.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.factlab.jobs.JobArtifact;
import dev.factlab.jobs.JobView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code job_artifacts} table: the files jobs save, by job and name. They go with
 * their job ({@link JobStore#deleteFinishedBefore}).
 */
@Repository
public class JobArtifacts {

	private final JdbcClient jdbc;

	JobArtifacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces the artifact of that name, in one transaction. */
	@Transactional
	public void save(UUID jobId, String name, String contentType, byte[] content, Instant now) {
		jdbc.sql("delete from job_artifacts where job_id = ? and name = ?").params(jobId, name).update();
		jdbc.sql("insert into job_artifacts (job_id, name, content_type, size_bytes, content, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(jobId, name, contentType, (long) content.length, content, StoredTime.column(now))
			.update();
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

	public Optional<JobArtifact.Content> find(UUID jobId, String name) {
		return jdbc
			.sql("select name, content_type, size_bytes, created_at, content from job_artifacts "
					+ "where job_id = ? and name = ?")
			.params(jobId, name)
			.query((rs, n) -> new JobArtifact.Content(artifact(jobId, rs), rs.getBytes("content")))
			.optional();
	}

	private static JobArtifact artifact(UUID jobId, ResultSet rs) throws SQLException {
		String name = rs.getString("name");
		return new JobArtifact(name, rs.getString("content_type"), rs.getLong("size_bytes"),
				StoredTime.read(rs, "created_at"), JobView.Links.of(jobId).artifacts() + "/" + name);
	}

}
