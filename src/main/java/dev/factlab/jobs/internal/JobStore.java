package dev.factlab.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.factlab.jobs.JobError;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code jobs} table (its files are in {@link JobArtifacts}), through plain SQL that
 * H2 (MODE=PostgreSQL) and PostgreSQL both run. Every write of a running job names the
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
			.param("createdAt", StoredTime.column(job.createdAt()))
			.param("startedAt", StoredTime.column(job.startedAt()))
			.param("finishedAt", StoredTime.column(job.finishedAt()))
			.param("updatedAt", StoredTime.column(job.updatedAt()))
			.update();
	}

	public Optional<JobRecord> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from jobs where id = ?").param(id).query(this::row).optional();
	}

	/** The jobs of those ids that exist, in one query. */
	public List<JobRecord> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from jobs where id in (:ids)")
			.param("ids", List.copyOf(ids))
			.query(this::row)
			.list();
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
			.param("startedAt", StoredTime.column(next.startedAt()))
			.param("finishedAt", StoredTime.column(next.finishedAt()))
			.param("updatedAt", StoredTime.column(next.updatedAt()))
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
			.params(json.writeValueAsString(progress), StoredTime.column(now), id, attempt)
			.update() == 1;
	}

	/** Marks a running job for cancellation; false unless it is RUNNING. */
	public boolean requestCancel(UUID id, Instant now) {
		return jdbc.sql("update jobs set cancel_requested = true, updated_at = ? where id = ? and status = 'RUNNING'")
			.params(StoredTime.column(now), id)
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

	/**
	 * Locks the queue until the current transaction ends: submits of every instance take
	 * turns between counting the queue and inserting.
	 */
	public void lockQueue() {
		jdbc.sql("select id from job_queue_lock where id = 1 for update").query(Integer.class).single();
	}

	/** Queued plus running jobs of all instances. */
	public long countActive() {
		return jdbc.sql("select count(*) from jobs where status in ('QUEUED', 'RUNNING')").query(Long.class).single();
	}

	/**
	 * Jobs per active status (QUEUED, RUNNING) of all instances; a status with none is 0.
	 */
	public Map<JobStatus, Long> countActiveByStatus() {
		Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
		counts.put(JobStatus.QUEUED, 0L);
		counts.put(JobStatus.RUNNING, 0L);
		jdbc.sql("select status, count(*) as n from jobs where status in ('QUEUED', 'RUNNING') group by status")
			.query((rs, row) -> counts.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return counts;
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

	/**
	 * Deletes jobs that finished before {@code before}, with their artifacts; returns how
	 * many.
	 */
	public int deleteFinishedBefore(Instant before) {
		return tx.execute(status -> {
			jdbc.sql("delete from job_artifacts where job_id in (select id from jobs where status in "
					+ "('SUCCEEDED', 'FAILED', 'CANCELLED') and finished_at < ?)")
				.param(StoredTime.column(before))
				.update();
			return jdbc.sql("delete from jobs where status in ('SUCCEEDED', 'FAILED', 'CANCELLED') and finished_at < ?")
				.param(StoredTime.column(before))
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
			.params(StoredTime.column(before), taskName)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	private JobRecord row(ResultSet rs, int n) throws SQLException {
		String error = rs.getString("error");
		return new JobRecord(rs.getObject("id", UUID.class), rs.getString("kind"),
				JobStatus.valueOf(rs.getString("status")), rs.getString("spec"),
				json.readValue(rs.getString("progress"), JobProgress.class),
				error == null ? null : json.readValue(error, JobError.class), rs.getString("idempotency_key"),
				rs.getBoolean("cancel_requested"), rs.getInt("attempts"), rs.getString("run_by"),
				StoredTime.read(rs, "created_at"), StoredTime.read(rs, "started_at"),
				StoredTime.read(rs, "finished_at"), StoredTime.read(rs, "updated_at"));
	}

}
