package dev.factlab.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.factlab.jobs.internal.JobExecutions;
import dev.factlab.jobs.internal.JobHandlers;
import dev.factlab.jobs.internal.JobRecord;
import dev.factlab.jobs.internal.JobStore;
import dev.factlab.jobs.internal.LocalRuns;
import dev.factlab.jobs.internal.StoredTime;
import dev.factlab.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job system's API for features and controllers: submit a job of a registered kind,
 * read it, its result and its artifacts, cancel it. Errors are {@link ApiException}s with
 * the project's status convention (429 is a {@link RetryLaterException}).
 */
@Service
public class Jobs {

	/** Where jobs live: {@code GET /api/v1/jobs/{id}}. */
	public static final String PATH = "/api/v1/jobs";

	/** The request header that makes a submit safe to retry. */
	public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	static final int MAX_PAGE_SIZE = 100;

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	private final JobStore store;

	private final JobHandlers handlers;

	private final LocalRuns local;

	private final Scheduler scheduler;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	private final JobLimits limits;

	private final Clock clock;

	private final Object submitLock = new Object();

	Jobs(JobStore store, JobHandlers handlers, LocalRuns local, Scheduler scheduler, TransactionTemplate tx,
			JsonMapper json, JobLimits limits, ObjectProvider<Clock> clock) {
		this.store = store;
		this.handlers = handlers;
		this.local = local;
		this.scheduler = scheduler;
		this.tx = tx;
		this.json = json;
		this.limits = limits;
		this.clock = StoredTime.clock(clock);
	}

	/**
	 * Validates the spec with its kind's handler, stores the job QUEUED and schedules it,
	 * in one transaction.
	 * @param kind a registered {@link JobHandler#kind()}
	 * @param spec an instance of the handler's {@link JobHandler#specType()}
	 * @param idempotencyKey the client's {@code Idempotency-Key}, or null: the same key
	 * with the same kind and spec returns the job it created first (replayed), with a
	 * different spec it is a 409
	 * @throws ApiException 400 for an unknown kind or a bad key, whatever the handler's
	 * validate throws, 409 for a reused key; {@link RetryLaterException} (429) when
	 * factlab.jobs.max-queued jobs are queued or running
	 */
	public JobSubmission submit(String kind, Object spec, String idempotencyKey) {
		JobHandler<?, ?> handler = handler(kind);
		validate(handler, spec);
		String specJson = json.writeValueAsString(spec);
		if (idempotencyKey != null) {
			if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
				throw ApiException.badRequest("Invalid Idempotency-Key", "the Idempotency-Key header must be 1 to 255 "
						+ "visible ASCII characters (a UUID is a good choice) but was '%s'".formatted(idempotencyKey));
			}
			Optional<JobRecord> existing = store.findByIdempotencyKey(idempotencyKey);
			if (existing.isPresent()) {
				return replay(existing.get(), kind, specJson);
			}
		}
		JobRecord job = JobRecord.queued(UUID.randomUUID(), kind, specJson, idempotencyKey, clock.instant());
		synchronized (submitLock) {
			long active = store.countActive();
			if (active >= limits.maxQueued()) {
				throw new RetryLaterException("queued and running jobs (factlab.jobs.max-queued)", limits.maxQueued(),
						limits.queueFullRetryAfter());
			}
			try {
				tx.executeWithoutResult(status -> {
					store.insert(job);
					// db-scheduler keeps its own clock; "now" in its terms
					scheduler.schedule(JobExecutions.instance(job.id()), Instant.now());
				});
			}
			catch (DuplicateKeyException ex) {
				return replay(store.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> ex), kind, specJson);
			}
		}
		scheduler.triggerCheckForDueExecutions();
		log.info("Job {} ({}) queued", job.id(), kind);
		return new JobSubmission(job.view(), false);
	}

	private JobSubmission replay(JobRecord existing, String kind, String specJson) {
		if (!existing.kind().equals(kind) || !json.readTree(existing.spec()).equals(json.readTree(specJson))) {
			throw ApiException
				.conflict("Idempotency-Key reused",
						("this Idempotency-Key was first used for job %s "
								+ "(kind %s) with a different request; use a new key for a new job")
							.formatted(existing.id(), existing.kind()))
				.with("jobId", existing.id().toString());
		}
		return new JobSubmission(existing.view(), true);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void validate(JobHandler handler, Object spec) {
		if (!handler.specType().isInstance(spec)) {
			throw new IllegalArgumentException("kind '%s' takes a %s spec but got %s".formatted(handler.kind(),
					handler.specType().getSimpleName(), spec == null ? "null" : spec.getClass().getSimpleName()));
		}
		handler.validate(spec);
	}

	/**
	 * @throws ApiException 404 for an unknown id
	 */
	public JobView find(UUID id) {
		return require(id).view();
	}

	/**
	 * Jobs newest first.
	 * @param status a {@link JobStatus} name (any case), or null for all
	 * @param kind a registered kind, or null for all
	 * @param page from 0
	 * @param size 1 to 100
	 * @throws ApiException 400 for an unknown status or kind (the problem lists the
	 * allowed ones) or a negative page, 413 for a size over 100
	 */
	public JobPage list(String status, String kind, int page, int size) {
		JobStatus wanted = status == null || status.isBlank() ? null : status(status);
		if (kind != null && !kind.isBlank() && !handlers.kinds().contains(kind)) {
			throw ApiException
				.badRequest("Invalid kind filter",
						"kind must be one of %s but was '%s'".formatted(handlers.kinds(), kind))
				.with("allowed", handlers.kinds());
		}
		String wantedKind = kind == null || kind.isBlank() ? null : kind;
		if (page < 0 || size < 1) {
			throw ApiException.badRequest("Invalid page",
					"page must be >= 0 and size >= 1 but were page=%d, size=%d".formatted(page, size));
		}
		if (size > MAX_PAGE_SIZE) {
			throw ApiException.tooLarge("jobs per page", MAX_PAGE_SIZE, size, "jobs");
		}
		List<JobView> items = store.list(wanted, wantedKind, page, size).stream().map(JobRecord::view).toList();
		return new JobPage(items, page, size, store.count(wanted, wantedKind));
	}

	private static JobStatus status(String status) {
		try {
			return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			List<String> allowed = Arrays.stream(JobStatus.values()).map(Enum::name).toList();
			throw ApiException
				.badRequest("Invalid status filter", "status must be one of %s but was '%s'".formatted(allowed, status))
				.with("allowed", allowed);
		}
	}

	/**
	 * The result of a SUCCEEDED job, read as {@code type}.
	 * @throws ApiException 404 for an unknown id, 409 unless the job SUCCEEDED
	 */
	public <R> R result(UUID id, Class<R> type) {
		return json.readValue(resultJson(id), type);
	}

	/**
	 * The result of a SUCCEEDED job as stored (JSON). Same errors as
	 * {@link #result(UUID, Class)}.
	 */
	public String resultJson(UUID id) {
		JobRecord job = require(id);
		if (job.status() != JobStatus.SUCCEEDED) {
			String why = switch (job.status()) {
				case FAILED -> "it FAILED: " + job.error().message();
				case CANCELLED -> "it was CANCELLED";
				default -> "it is %s; the result exists once it SUCCEEDED (watch %s)".formatted(job.status(),
						job.view().links().events());
			};
			throw ApiException.conflict("No result", "job %s has no result: %s".formatted(id, why))
				.with("status", job.status().name());
		}
		return store.result(id)
			.orElseThrow(() -> new IllegalStateException("job " + id + " SUCCEEDED without a result"));
	}

	/** The files a job saved, by name. @throws ApiException 404 for an unknown id */
	public List<JobArtifact> artifacts(UUID id) {
		require(id);
		return store.artifacts(id);
	}

	/**
	 * One file a job saved, with its bytes. @throws ApiException 404 for an unknown job
	 * or name
	 */
	public JobArtifact.Content artifact(UUID id, String name) {
		require(id);
		return store.artifact(id, name).orElseThrow(() -> {
			List<String> known = store.artifacts(id).stream().map(JobArtifact::name).toList();
			return ApiException
				.notFound("Unknown artifact", "job %s has no artifact '%s'; it has %s".formatted(id, name, known))
				.with("known", known);
		});
	}

	/**
	 * Cancels a job: a QUEUED one is CANCELLED at once; a RUNNING one is marked and its
	 * handler stops at its next {@link JobContext#checkCancelled()} (within about a
	 * second), wherever it runs.
	 * @return the job after the request: CANCELLED, or RUNNING with cancelRequested
	 * @throws ApiException 404 for an unknown id, 409 if it already ended
	 */
	public JobView cancel(UUID id) {
		while (true) {
			JobRecord job = require(id);
			Instant now = clock.instant();
			switch (job.status()) {
				case QUEUED -> {
					JobRecord cancelled = job.cancel(job.progress(), now);
					if (store.transition(job, cancelled)) {
						removeExecution(id);
						log.info("Job {} cancelled while queued", id);
						return cancelled.view();
					}
				}
				case RUNNING -> {
					if (store.requestCancel(id, now)) {
						boolean here = local.cancel(id);
						log.info("Job {} asked to stop (running {})", id, here ? "here" : "on " + job.runBy());
						// the job as this request left it: RUNNING with the stop asked.
						// Reading it again could
						// already find it CANCELLED, and the answer would depend on a
						// race.
						return job.requestCancel(now).view();
					}
				}
				default -> throw ApiException.conflict("Job already ended",
						("job %s is %s; only QUEUED or RUNNING jobs " + "can be cancelled").formatted(id, job.status()))
					.with("status", job.status().name());
			}
			// the job moved on between reading and writing: look again
		}
	}

	private void removeExecution(UUID id) {
		try {
			scheduler.cancel(JobExecutions.instanceId(id));
		}
		catch (RuntimeException ex) {
			// picked meanwhile: the runner finds the job CANCELLED and does nothing
			log.debug("Execution of cancelled job {} not removed: {}", id, ex.getMessage());
		}
	}

	/** Registered kinds, sorted. */
	public List<String> kinds() {
		return handlers.kinds();
	}

	private JobRecord require(UUID id) {
		return store.find(id).orElseThrow(() -> ApiException.notFound("Unknown job", "no job has id " + id));
	}

	private JobHandler<?, ?> handler(String kind) {
		return handlers.find(kind)
			.orElseThrow(() -> ApiException
				.badRequest("Unknown job kind",
						"kind must be one of " + "%s but was '%s'".formatted(handlers.kinds(), kind))
				.with("allowed", handlers.kinds()));
	}

}
