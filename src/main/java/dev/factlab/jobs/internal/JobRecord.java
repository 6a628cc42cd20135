package dev.factlab.jobs.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.factlab.jobs.JobError;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobView;

/**
 * A row of the {@code jobs} table (without its result). State changes are the named
 * methods {@link #start}, {@link #succeed}, {@link #fail}, {@link #cancel},
 * {@link #requeue} and {@link #handBack}; each returns the next record and throws
 * {@link JobStatus.IllegalJobTransitionException} on a move the status table doesn't
 * allow. {@link JobStore#transition} then writes it only if the row is still in the state
 * this record was read in.
 */
public record JobRecord(UUID id, String kind, JobStatus status, String spec, JobProgress progress, JobError error,
		String idempotencyKey, boolean cancelRequested, int attempts, String runBy, Instant createdAt,
		Instant startedAt, Instant finishedAt, Instant updatedAt) {

	public JobRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(progress, "progress");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if (attempts < 0) {
			throw new IllegalArgumentException("attempts must be >= 0 but was " + attempts);
		}
		if ((status == JobStatus.FAILED) != (error != null)) {
			throw new IllegalArgumentException(
					"a job has an error exactly when it FAILED, but was " + status + " with " + error);
		}
	}

	public static JobRecord queued(UUID id, String kind, String spec, String idempotencyKey, Instant now) {
		return new JobRecord(id, kind, JobStatus.QUEUED, spec, JobProgress.NONE, null, idempotencyKey, false, 0, null,
				now, null, null, now);
	}

	/** QUEUED → RUNNING: one more attempt, by {@code runBy}, from scratch. */
	public JobRecord start(String runBy, Instant now) {
		return new JobRecord(id, kind, status.moveTo(JobStatus.RUNNING), spec, JobProgress.NONE, null, idempotencyKey,
				cancelRequested, attempts + 1, runBy, createdAt, now, null, now);
	}

	/** RUNNING → SUCCEEDED, keeping the last report at fraction 1. */
	public JobRecord succeed(JobProgress last, Instant now) {
		JobProgress done = new JobProgress(1, last.step(), last.metrics(), last.message(), last.reportedAt());
		return finish(JobStatus.SUCCEEDED, done, null, now);
	}

	/** RUNNING → FAILED. */
	public JobRecord fail(JobError reason, JobProgress last, Instant now) {
		return finish(JobStatus.FAILED, last, Objects.requireNonNull(reason, "reason"), now);
	}

	/** QUEUED or RUNNING → CANCELLED. */
	public JobRecord cancel(JobProgress last, Instant now) {
		return finish(JobStatus.CANCELLED, last, null, now);
	}

	/**
	 * The same job with a stop asked of it (its status does not change until it stops).
	 */
	public JobRecord requestCancel(Instant now) {
		return new JobRecord(id, kind, status, spec, progress, error, idempotencyKey, true, attempts, runBy, createdAt,
				startedAt, finishedAt, now);
	}

	/**
	 * RUNNING → QUEUED: the attempt ended without an outcome (its instance died or shut
	 * down).
	 */
	public JobRecord requeue(Instant now) {
		return new JobRecord(id, kind, status.moveTo(JobStatus.QUEUED), spec, progress, null, idempotencyKey,
				cancelRequested, attempts, runBy, createdAt, startedAt, null, now);
	}

	/**
	 * RUNNING → QUEUED because this instance is shutting down gracefully: the attempt is
	 * given back, so rolling restarts don't use up factlab.jobs.max-attempts (only deaths
	 * do).
	 */
	public JobRecord handBack(Instant now) {
		return new JobRecord(id, kind, status.moveTo(JobStatus.QUEUED), spec, progress, null, idempotencyKey,
				cancelRequested, attempts - 1, runBy, createdAt, startedAt, null, now);
	}

	private JobRecord finish(JobStatus target, JobProgress last, JobError reason, Instant now) {
		return new JobRecord(id, kind, status.moveTo(target), spec, last, reason, idempotencyKey, cancelRequested,
				attempts, runBy, createdAt, startedAt, now, now);
	}

	public JobView view() {
		return new JobView(id, kind, status, progress, spec, error, cancelRequested, attempts, runBy, createdAt,
				startedAt, finishedAt, updatedAt, JobView.Links.of(id));
	}

}
