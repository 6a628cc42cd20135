package dev.factlab.jobs.internal;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.factlab.jobs.JobCancelledException;
import dev.factlab.jobs.JobError;
import dev.factlab.jobs.JobHandler;
import dev.factlab.jobs.JobLimits;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a job, called by db-scheduler on the thread of the execution it
 * claimed. Moves the job QUEUED → RUNNING, calls the handler and records the outcome;
 * every write names the attempt, so a run that lost its job to another instance records
 * nothing. A database outage while it runs doesn't fail the job: the handler goes on and
 * the outcome is written once the database returns.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	/** The MDC key that carries the job's id on every log line of its run. */
	public static final String JOB_ID = "jobId";

	/** Timer of runs that ended, tags kind and outcome (SUCCEEDED, FAILED, CANCELLED). */
	static final String DURATION = "factlab.jobs.duration";

	private final JobStore store;

	private final JobArtifacts artifacts;

	private final JobHandlers handlers;

	private final LocalRuns local;

	private final JobLimits limits;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	JobRunner(JobStore store, JobArtifacts artifacts, JobHandlers handlers, LocalRuns local, JobLimits limits,
			JsonMapper json, ObjectProvider<Clock> clock, MeterRegistry meters) {
		this.store = store;
		this.artifacts = artifacts;
		this.handlers = handlers;
		this.local = local;
		this.limits = limits;
		this.json = json;
		this.clock = StoredTime.clock(clock);
		this.meters = meters;
	}

	/**
	 * @param runBy the db-scheduler instance that claimed the execution
	 * @return false when another attempt took the job over while this one ran (this
	 * instance was thought dead, e.g. its heartbeats lapsed during a database outage):
	 * the execution then belongs to that attempt and must not be removed
	 * @throws RequeuedException when this instance shuts down mid-run: the job is QUEUED
	 * again and db-scheduler must keep the execution, to run it later
	 */
	public boolean run(UUID id, String runBy) {
		try (MDC.MDCCloseable jobId = MDC.putCloseable(JOB_ID, id.toString())) {
			return attempt(id, runBy);
		}
	}

	private boolean attempt(UUID id, String runBy) {
		Optional<JobRecord> found = store.find(id);
		if (found.isEmpty()) {
			log.warn("db-scheduler ran job {}, which no longer exists; dropping the execution", id);
			return true;
		}
		JobRecord job = found.get();
		if (job.status().isTerminal()) {
			log.debug("Job {} is already {}; nothing to run", id, job.status());
			return true;
		}
		if (job.status() == JobStatus.RUNNING) {
			log.warn("Job {} was RUNNING (attempt {} by {}) when its execution ran again; that attempt ended without "
					+ "an outcome, so it runs again from the start", id, job.attempts(), job.runBy());
			JobRecord requeued = job.requeue(clock.instant());
			if (!store.transition(job, requeued)) {
				log.info("Job {} changed while being requeued; leaving it", id);
				return true;
			}
			job = requeued;
		}
		JobRecord running = job.start(runBy, clock.instant());
		if (!store.transition(job, running)) {
			log.info("Job {} changed before it could start (cancelled?); not running it", id);
			return true;
		}
		OutageRetries.untilWritten(id, "the removal of earlier attempts' artifacts", () -> {
			artifacts.deleteAll(id);
			return null;
		}, local::shuttingDown);
		if (running.attempts() > limits.maxAttempts()) {
			return fail(running,
					new JobError(JobError.TOO_MANY_ATTEMPTS, ("started %d times; each earlier attempt ended "
							+ "without an outcome because the instance running it died or stopped (factlab.jobs.max-attempts=%d)")
						.formatted(running.attempts() - 1, limits.maxAttempts()), null),
					running.progress());
		}
		if (running.cancelRequested()) {
			return record(running, running.cancel(running.progress(), clock.instant()), null);
		}
		Optional<JobHandler<?, ?>> handler = handlers.find(running.kind());
		if (handler.isEmpty()) {
			return fail(running,
					new JobError(JobError.UNKNOWN_KIND, "instance %s has no handler for kind '%s'; it runs %s"
						.formatted(runBy, running.kind(), handlers.kinds()), null),
					running.progress());
		}
		return execute(running, handler.get());
	}

	private <S, R> boolean execute(JobRecord running, JobHandler<S, R> handler) {
		S spec;
		try {
			spec = json.readValue(running.spec(), handler.specType());
		}
		catch (RuntimeException ex) {
			return fail(running, new JobError(JobError.INVALID_SPEC,
					"the stored spec can't be read as a %s spec: %s".formatted(handler.kind(), describe(ex)), null),
					running.progress());
		}
		RunContext context = new RunContext(running, store, artifacts, clock, clock.instant().plus(limits.maxRunTime()),
				limits.maxArtifactBytes().toBytes(), local::shuttingDown);
		local.add(context);
		try {
			log.info("Job {} ({}) starts, attempt {}", running.id(), running.kind(), running.attempts());
			R result = handler.run(spec, context);
			return succeed(context, result);
		}
		catch (Throwable ex) {
			return stopped(context, ex);
		}
		finally {
			local.remove(context);
		}
	}

	private boolean succeed(RunContext context, Object result) {
		JobRecord running = context.job();
		byte[] bytes = json.writeValueAsBytes(result);
		if (bytes.length > limits.maxResultBytes().toBytes()) {
			return fail(running, new JobError(JobError.RESULT_TOO_LARGE,
					"the result has %,d bytes of JSON but "
							+ "factlab.jobs.max-result-bytes is %,d; store large data as an artifact"
								.formatted(bytes.length, limits.maxResultBytes().toBytes()),
					context.latest().step()), context.latest());
		}
		return record(running, running.succeed(context.latest(), clock.instant()),
				new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * @return false when another attempt owns the job now
	 */
	private boolean stopped(RunContext context, Throwable ex) {
		JobRecord running = context.job();
		RunContext.Stop stop = context.stop();
		return switch (stop) {
			case SUPERSEDED -> {
				log.warn("Job {} attempt {} stopped: another attempt owns the job now", running.id(),
						running.attempts());
				yield false;
			}
			case CANCELLED -> record(running, running.cancel(context.latest(), clock.instant()), null);
			case TIMED_OUT -> fail(running,
					new JobError(JobError.TIMED_OUT,
							"ran longer than factlab.jobs.max-run-time " + "(" + limits.maxRunTime() + ")",
							context.latest().step()),
					context.latest());
			case SHUTDOWN -> {
				if (store.transition(running, running.handBack(clock.instant()))) {
					log.info("Job {} goes back to the queue: this instance is shutting down", running.id());
				}
				throw new RequeuedException(running.id());
			}
			case NONE -> {
				String message = ex instanceof JobCancelledException
						? "the handler stopped with a cancellation that nobody requested" : describe(ex);
				log.warn("Job {} ({}) failed at step {}: {}", running.id(), running.kind(), context.latest().step(),
						message, ex);
				yield fail(running, new JobError(JobError.HANDLER_FAILED, message, context.latest().step()),
						context.latest());
			}
		};
	}

	private boolean fail(JobRecord running, JobError error, JobProgress last) {
		return record(running, running.fail(error, last, clock.instant()), null);
	}

	/**
	 * Writes the outcome, retried through a database outage until it returns; a lost
	 * outcome would cost the whole computation. Gives up only when this instance shuts
	 * down: the execution then looks dead and the job runs again elsewhere.
	 * @return false when the job moved on meanwhile: another attempt owns it
	 */
	private boolean record(JobRecord previous, JobRecord next, String resultJson) {
		if (OutageRetries.untilWritten(next.id(), "the outcome " + next.status(),
				() -> store.transition(previous, next, resultJson), local::shuttingDown)) {
			log.info("Job {} ({}) {}{}", next.id(), next.kind(), next.status(),
					next.error() == null ? "" : ": " + next.error().message());
			timeRun(previous, next);
			return true;
		}
		log.warn("Job {} attempt {} could not record {}: the job moved on meanwhile", next.id(), next.attempts(),
				next.status());
		return false;
	}

	/**
	 * Records how long the attempt that ended the job ran, from its start to its outcome.
	 */
	private void timeRun(JobRecord running, JobRecord ended) {
		if (!ended.status().isTerminal() || running.startedAt() == null || ended.finishedAt() == null) {
			return;
		}
		Timer.builder(DURATION)
			.description("How long the attempt that ended a job ran, by kind and outcome")
			.tag("kind", ended.kind())
			.tag("outcome", ended.status().name())
			.register(meters)
			.record(Duration.between(running.startedAt(), ended.finishedAt()));
	}

	/**
	 * The message of the root of wrapper exceptions, or its type when it has none; never
	 * a stack trace.
	 */
	static String describe(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException
				|| cause instanceof InvocationTargetException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		String type = cause.getClass().getSimpleName();
		if (cause instanceof OutOfMemoryError) {
			return "ran out of memory (" + (message == null ? "Java heap" : message) + ")";
		}
		if (message == null || message.isBlank()) {
			return type;
		}
		Throwable root = cause.getCause();
		if (root != null && root.getMessage() != null && !message.contains(root.getMessage())) {
			return message + " (because: " + root.getMessage() + ")";
		}
		return message;
	}

	/**
	 * The job went back to the queue because this instance is shutting down; db-scheduler
	 * runs it again later.
	 */
	public static class RequeuedException extends RuntimeException {

		RequeuedException(UUID id) {
			super("job " + id + " went back to the queue because this instance is shutting down");
		}

	}

}
