package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import dev.factlab.errors.DatabaseOutages;
import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobProgress;

import org.springframework.http.MediaType;

/**
 * The {@link JobContext} of one attempt on this instance. Cancellation is a local flag
 * (set at once by a DELETE that reaches this instance) plus the database's
 * {@code cancel_requested}, read at most every {@link #REFRESH_NANOS}, so a DELETE that
 * reaches another instance stops the job too. A database outage doesn't stop the run:
 * progress writes are best effort, artifacts are written once the database returns.
 */
public class RunContext implements JobContext {

	/** Why a run should stop, in the order the runner honours them. */
	public enum Stop {

		/**
		 * Another attempt owns the job now (this instance was thought dead): write
		 * nothing.
		 */
		SUPERSEDED,
		/** A client cancelled: CANCELLED. */
		CANCELLED,
		/** Ran past factlab.jobs.max-run-time: FAILED. */
		TIMED_OUT,
		/**
		 * This instance is shutting down: back to QUEUED, to run again elsewhere or after
		 * the restart.
		 */
		SHUTDOWN,
		/** Nothing asked it to stop. */
		NONE

	}

	static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	/**
	 * After a database outage showed, the run doesn't touch the database for this long:
	 * each try waits for the pool's connection-timeout, time the computation would lose.
	 */
	static final long OUTAGE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(3);

	static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private final JobRecord job;

	private final JobStore store;

	private final JobArtifacts artifacts;

	private final Clock clock;

	private final Instant deadline;

	private final long maxArtifactBytes;

	private final BooleanSupplier shuttingDown;

	private volatile boolean cancelled;

	private volatile boolean superseded;

	private volatile long refreshedAt;

	private volatile long outageSeenAt;

	private volatile boolean outageSeen;

	private JobProgress latest = JobProgress.NONE;

	private long writtenAt;

	private String writtenStep;

	RunContext(JobRecord job, JobStore store, JobArtifacts artifacts, Clock clock, Instant deadline,
			long maxArtifactBytes, BooleanSupplier shuttingDown) {
		this.job = job;
		this.store = store;
		this.artifacts = artifacts;
		this.clock = clock;
		this.deadline = deadline;
		this.maxArtifactBytes = maxArtifactBytes;
		this.shuttingDown = shuttingDown;
		this.cancelled = job.cancelRequested();
		this.refreshedAt = System.nanoTime();
	}

	@Override
	public UUID jobId() {
		return job.id();
	}

	@Override
	public int attempt() {
		return job.attempts();
	}

	JobRecord job() {
		return job;
	}

	/** Sets the local cancel flag: a DELETE reached this instance. */
	void cancel() {
		cancelled = true;
	}

	@Override
	public synchronized void progress(double fraction, String step, Map<String, Object> metrics, String message) {
		latest = new JobProgress(fraction, step, metrics, message, clock.instant());
		long now = System.nanoTime();
		if ((!Objects.equals(step, writtenStep) || now - writtenAt >= PROGRESS_NANOS) && !pausedByOutage(now)) {
			writtenAt = now;
			writtenStep = step;
			try {
				if (!store.saveProgress(job.id(), job.attempts(), latest, latest.reportedAt())) {
					superseded = true;
				}
			}
			catch (RuntimeException ex) {
				// best effort: the job keeps computing through a database outage; the
				// next progress (or the outcome) is written once it returns
				outage(ex);
			}
		}
	}

	synchronized JobProgress latest() {
		return latest;
	}

	@Override
	public boolean isCancelled() {
		return stop() != Stop.NONE;
	}

	/** Why this run should stop now, if it should. */
	public Stop stop() {
		long now = System.nanoTime();
		if (!superseded && !cancelled && now - refreshedAt >= REFRESH_NANOS && !pausedByOutage(now)) {
			refreshedAt = now;
			refresh();
		}
		if (superseded) {
			return Stop.SUPERSEDED;
		}
		if (cancelled) {
			return Stop.CANCELLED;
		}
		if (!clock.instant().isBefore(deadline)) {
			return Stop.TIMED_OUT;
		}
		return shuttingDown.getAsBoolean() ? Stop.SHUTDOWN : Stop.NONE;
	}

	/**
	 * Reads the job's row to learn of a cancel or a takeover from another instance; while
	 * the database is away there is no news, and the run goes on.
	 */
	private void refresh() {
		try {
			store.runState(job.id()).ifPresentOrElse(state -> {
				if (state.status() != job.status() || state.attempts() != job.attempts()) {
					superseded = true;
				}
				else if (state.cancelRequested()) {
					cancelled = true;
				}
			}, () -> superseded = true);
		}
		catch (RuntimeException ex) {
			outage(ex);
		}
	}

	/** Rethrows {@code ex} unless it is a database outage, which pauses database use. */
	private void outage(RuntimeException ex) {
		if (!DatabaseOutages.isOutage(ex)) {
			throw ex;
		}
		outageSeenAt = System.nanoTime();
		outageSeen = true;
	}

	private boolean pausedByOutage(long now) {
		return outageSeen && now - outageSeenAt < OUTAGE_PAUSE_NANOS;
	}

	@Override
	public void saveArtifact(String name, String contentType, byte[] content) {
		if (name == null || !ARTIFACT_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("artifact name must match " + ARTIFACT_NAME + " but was '" + name + "'");
		}
		try {
			MediaType.parseMediaType(contentType);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"artifact '%s' needs a content type such as application/octet-stream but "
							+ "had '%s'".formatted(name, contentType));
		}
		if (contentType.length() > 255) {
			throw new IllegalArgumentException("artifact content type is longer than 255 characters");
		}
		Objects.requireNonNull(content, "content");
		if (content.length > maxArtifactBytes) {
			throw new IllegalArgumentException("artifact '%s' has %,d bytes but factlab.jobs.max-artifact-bytes is %,d"
				.formatted(name, content.length, maxArtifactBytes));
		}
		checkCancelled();
		OutageRetries.untilWritten(job.id(), "artifact '" + name + "'", () -> {
			artifacts.save(job.id(), name, contentType, content, clock.instant());
			return null;
		}, shuttingDown);
	}

}
