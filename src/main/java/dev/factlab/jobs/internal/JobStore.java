package dev.factlab.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.factlab.jobs.JobArtifact;
import dev.factlab.jobs.JobError;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobView;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code jobs} and {@code job_artifacts} tables, through plain SQL that H2
 * (MODE=PostgreSQL) and PostgreSQL both run. Every write of a running job names the
 * status and attempt it expects, so a stale writer (an attempt that another instance has
 * taken over) changes nothing.
 */
@Repository
public class JobStore {

	private static final String COLUMNS = "id, kind, status, spec, progress, error, idempotency_key, cancel_requested, "
			+ "attempts, run_by, created_at, started_at, finished_at, updated_at";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	JobStore(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.json = json;
	}

	public void insert(JobRecord job) {
		jdbc.sql("insert into jobs (" + COLUMNS + ") values (:id, :kind, :status, :spec, :progress, :error, "
				+ ":key, :cancel, :attempts, :runBy, :createdAt, :startedAt, :finishedAt, :updatedAt)")
			.param("id", job.id())
			.param("kind", job.kind())
			.param("status", job.status().name())
			.param("spec", job.spec())
			.param("progress", json.writeValueAsString(job.progress()))
			.param("error", job.error() == null ? null : json.writeValueAsString(job.error()))
			.param("key", job.idempotencyKey())
			.param("cancel", job.cancelRequested())
			.param("attempts", job.attempts())
			.param("runBy", job.runBy())
			.param("createdAt", time(job.createdAt()))
			.param("startedAt", time(job.startedAt()))
			.param("finishedAt", time(job.finishedAt()))
			.param("updatedAt", time(job.updatedAt()))
			.update();
	}

	public Optional<JobRecord> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from jobs where id = ?").param(id).query(this::row).optional();
	}

	public Optional<JobRecord> findByIdempotencyKey(String key) {
		return jdbc.sql("select " + COLUMNS + " from jobs where idempotency_key = ?")
			.param(key)
			.query(this::row)
			.optional();
	}

	/**
	 * Writes {@code next} if the row is still in {@code previous}'s status and attempt;
	 * never touches cancel_requested.
	 * @return false if the row moved on meanwhile (nothing written)
	 */
	public boolean transition(JobRecord previous, JobRecord next) {
		return transition(previous, next, null);
	}

	/**
	 * {@link #transition(JobRecord, JobRecord)} that also stores the result, in the same
	 * statement.
	 */
	public boolean transition(JobRecord previous, JobRecord next, String resultJson) {
		String result = resultJson == null ? "" : ", result = :result";
		JdbcClient.StatementSpec update = jdbc
			.sql("update jobs set status = :status, progress = :progress, error = :error, "
					+ "attempts = :attempts, run_by = :runBy, started_at = :startedAt, finished_at = :finishedAt, "
					+ "updated_at = :updatedAt" + result
					+ " where id = :id and status = :expected and attempts = :expectedAttempts")
			.param("status", next.status().name())
			.param("progress", json.writeValueAsString(next.progress()))
			.param("error", next.error() == null ? null : json.writeValueAsString(next.error()))
			.param("attempts", next.attempts())
			.param("runBy", next.runBy())
			.param("startedAt", time(next.startedAt()))
			.param("finishedAt", time(next.finishedAt()))
			.param("updatedAt", time(next.updatedAt()))
			.param("id", previous.id())
			.param("expected", previous.status().name())
			.param("expectedAttempts", previous.attempts());
		if (resultJson != null) {
			update = update.param("result", resultJson);
		}
		return update.update() == 1;
	}

	/**
	 * Stores the latest progress of a running attempt; false if that attempt is no longer
	 * the running one.
	 */
	public boolean saveProgress(UUID id, int attempt, JobProgress progress, Instant now) {
		return jdbc
			.sql("update jobs set progress = ?, updated_at = ? where id = ? and status = 'RUNNING' and attempts = ?")
			.params(json.writeValueAsString(progress), time(now), id, attempt)
			.update() == 1;
	}

	/** Marks a running job for cancellation; false unless it is RUNNING. */
	public boolean requestCancel(UUID id, Instant now) {
		return jdbc.sql("update jobs set cancel_requested = true, updated_at = ? where id = ? and status = 'RUNNING'")
			.params(time(now), id)
			.update() == 1;
	}

	/** What a running attempt needs to know to decide whether to go on. */
	public record RunState(JobStatus status, boolean cancelRequested, int attempts) {
	}

	public Optional<RunState> runState(UUID id) {
		return jdbc.sql("select status, cancel_requested, attempts from jobs where id = ?")
			.param(id)
			.query((rs, n) -> new RunState(JobStatus.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getInt(3)))
			.optional();
	}

	public Optional<String> result(UUID id) {
		return jdbc.sql("select result from jobs where id = ?").param(id).query(String.class).optional();
	}

	/** Queued plus running jobs of all instances. */
	public long countActive() {
		return jdbc.sql("select count(*) from jobs where status in ('QUEUED', 'RUNNING')").query(Long.class).single();
	}

	/** Newest first. Null filters match everything. */
	public List<JobRecord> list(JobStatus status, String kind, int page, int size) {
		Filter filter = Filter.of(status, kind);
		return filter
			.bind(jdbc.sql("select " + COLUMNS + " from jobs" + filter.where
					+ " order by created_at desc, id desc limit :limit offset :offset"))
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(this::row)
			.list();
	}

	public long count(JobStatus status, String kind) {
		Filter filter = Filter.of(status, kind);
		return filter.bind(jdbc.sql("select count(*) from jobs" + filter.where)).query(Long.class).single();
	}

	private record Filter(String where, JobStatus status, String kind) {

		static Filter of(JobStatus status, String kind) {
			List<String> terms = new ArrayList<>();
			if (status != null) {
				terms.add("status = :status");
			}
			if (kind != null) {
				terms.add("kind = :kind");
			}
			return new Filter(terms.isEmpty() ? "" : " where " + String.join(" and ", terms), status, kind);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			if (status != null) {
				spec = spec.param("status", status.name());
			}
			return kind == null ? spec : spec.param("kind", kind);
		}

	}

	/** Replaces the artifact of that name. */
	public void saveArtifact(UUID jobId, String name, String contentType, byte[] content, Instant now) {
		tx.executeWithoutResult(status -> {
			jdbc.sql("delete from job_artifacts where job_id = ? and name = ?").params(jobId, name).update();
			jdbc.sql("insert into job_artifacts (job_id, name, content_type, size_bytes, content, created_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
				.params(jobId, name, contentType, (long) content.length, content, time(now))
				.update();
		});
	}

	public void deleteArtifacts(UUID jobId) {
		jdbc.sql("delete from job_artifacts where job_id = ?").param(jobId).update();
	}

	public List<JobArtifact> artifacts(UUID jobId) {
		return jdbc
			.sql("select name, content_type, size_bytes, created_at from job_artifacts where job_id = ? order by name")
			.param(jobId)
			.query((rs, n) -> artifact(jobId, rs))
			.list();
	}

	public Optional<JobArtifact.Content> artifact(UUID jobId, String name) {
		return jdbc
			.sql("select name, content_type, size_bytes, created_at, content from job_artifacts "
					+ "where job_id = ? and name = ?")
			.params(jobId, name)
			.query((rs, n) -> new JobArtifact.Content(artifact(jobId, rs), rs.getBytes("content")))
			.optional();
	}

	/**
	 * Deletes jobs that finished before {@code before}, with their artifacts; returns how
	 * many.
	 */
	public int deleteFinishedBefore(Instant before) {
		return tx.execute(status -> {
			jdbc.sql("delete from job_artifacts where job_id in (select id from jobs where status in "
					+ "('SUCCEEDED', 'FAILED', 'CANCELLED') and finished_at < ?)")
				.param(time(before))
				.update();
			return jdbc.sql("delete from jobs where status in ('SUCCEEDED', 'FAILED', 'CANCELLED') and finished_at < ?")
				.param(time(before))
				.update();
		});
	}

	/**
	 * Unfinished jobs, untouched since {@code before}, that have no db-scheduler
	 * execution: nothing would ever run them again (e.g. their execution row was deleted
	 * by hand).
	 */
	public List<UUID> orphans(String taskName, Instant before) {
		return jdbc
			.sql("select j.id from jobs j where j.status in ('QUEUED', 'RUNNING') and j.updated_at < ? "
					+ "and not exists (select 1 from scheduled_tasks s where s.task_name = ? "
					+ "and s.task_instance = cast(j.id as varchar(36)))")
			.params(time(before), taskName)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	private JobArtifact artifact(UUID jobId, ResultSet rs) throws SQLException {
		String name = rs.getString("name");
		return new JobArtifact(name, rs.getString("content_type"), rs.getLong("size_bytes"), instant(rs, "created_at"),
				JobView.Links.of(jobId).artifacts() + "/" + name);
	}

	private JobRecord row(ResultSet rs, int n) throws SQLException {
		String error = rs.getString("error");
		return new JobRecord(rs.getObject("id", UUID.class), rs.getString("kind"),
				JobStatus.valueOf(rs.getString("status")), rs.getString("spec"),
				json.readValue(rs.getString("progress"), JobProgress.class),
				error == null ? null : json.readValue(error, JobError.class), rs.getString("idempotency_key"),
				rs.getBoolean("cancel_requested"), rs.getInt("attempts"), rs.getString("run_by"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				instant(rs, "updated_at"));
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

}
