package dev.factlab.jobs;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.jobs.internal.Cancellations;
import dev.factlab.jobs.internal.JobArtifacts;
import dev.factlab.jobs.internal.JobHandlers;
import dev.factlab.jobs.internal.JobRecord;
import dev.factlab.jobs.internal.JobStore;
import dev.factlab.jobs.internal.Submissions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The job system's API for features and controllers: submit a job of a registered kind,
 * read it, its result and its artifacts, cancel it. Failures are the kinds of
 * {@code dev.factlab.errors}: not found, invalid input, conflict, over a limit, retry
 * later.
 */
@Service
public class Jobs {

	/** Where jobs live: {@code GET /api/v1/jobs/{id}}. */
	public static final String PATH = "/api/v1/jobs";

	/** The request header that makes a submit safe to retry. */
	public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	static final int MAX_PAGE_SIZE = 100;

	private final JobStore store;

	private final JobArtifacts artifacts;

	private final JobHandlers handlers;

	private final Submissions submissions;

	private final Cancellations cancellations;

	private final JsonMapper json;

	Jobs(JobStore store, JobArtifacts artifacts, JobHandlers handlers, Submissions submissions,
			Cancellations cancellations, JsonMapper json) {
		this.store = store;
		this.artifacts = artifacts;
		this.handlers = handlers;
		this.submissions = submissions;
		this.cancellations = cancellations;
		this.json = json;
	}

	/**
	 * Validates the spec with its kind's handler, stores the job QUEUED and schedules it,
	 * in one transaction.
	 * @param kind a registered {@link JobHandler#kind()}
	 * @param spec an instance of the handler's {@link JobHandler#specType()}
	 * @param idempotencyKey the client's {@code Idempotency-Key}, or null: the same key
	 * with the same kind and spec returns the job it created first (replayed), with a
	 * different spec it is a conflict
	 * @throws InvalidInputException for an unknown kind or a bad key, or whatever the
	 * handler's validate throws
	 * @throws ConflictException for a reused key
	 * @throws RetryLaterException when factlab.jobs.max-queued jobs are queued or running
	 */
	public JobSubmission submit(String kind, Object spec, String idempotencyKey) {
		return submit(kind, spec, idempotencyKey, null);
	}

	/**
	 * {@link #submit(String, Object, String)} for a known client: its idempotency keys
	 * are its own, so another client's same key neither replays nor conflicts with its
	 * jobs.
	 * @param client the caller's API-key client name, or null for an anonymous caller
	 */
	public JobSubmission submit(String kind, Object spec, String idempotencyKey, String client) {
		return submissions.submit(handler(kind), spec, idempotencyKey, client);
	}

	/**
	 * @throws NotFoundException for an unknown id
	 */
	public JobView find(UUID id) {
		return require(id).view();
	}

	/**
	 * Several jobs in one read, by id; unknown ids are left out.
	 * @param ids at most a few hundred
	 */
	public Map<UUID, JobView> findAll(Collection<UUID> ids) {
		Map<UUID, JobView> found = new HashMap<>();
		store.findAll(ids).forEach(job -> found.put(job.id(), job.view()));
		return found;
	}

	/**
	 * Jobs newest first.
	 * @param status a {@link JobStatus} name (any case), or null for all
	 * @param kind a registered kind, or null for all
	 * @param page from 0
	 * @param size 1 to 100
	 * @throws InvalidInputException for an unknown status or kind (the problem lists the
	 * allowed ones) or a negative page
	 * @throws LimitExceededException for a size over 100
	 */
	public JobPage list(String status, String kind, int page, int size) {
		JobStatus wanted = status == null || status.isBlank() ? null : status(status);
		if (kind != null && !kind.isBlank() && !handlers.kinds().contains(kind)) {
			throw new InvalidInputException("Invalid kind filter",
					"kind must be one of %s but was '%s'".formatted(handlers.kinds(), kind))
				.with("allowed", handlers.kinds());
		}
		String wantedKind = kind == null || kind.isBlank() ? null : kind;
		if (page < 0 || size < 1) {
			throw new InvalidInputException("Invalid page",
					"page must be >= 0 and size >= 1 but were page=%d, size=%d".formatted(page, size));
		}
		if (size > MAX_PAGE_SIZE) {
			throw new LimitExceededException("jobs per page", MAX_PAGE_SIZE, size, "jobs");
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
			throw new InvalidInputException("Invalid status filter",
					"status must be one of %s but was '%s'".formatted(allowed, status))
				.with("allowed", allowed);
		}
	}

	/**
	 * The result of a SUCCEEDED job, read as the record its handler returned.
	 * @throws NotFoundException for an unknown id
	 * @throws ConflictException unless the job SUCCEEDED
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
			throw new ConflictException("No result", "job %s has no result: %s".formatted(id, why)).with("jobStatus",
					job.status().name());
		}
		return store.result(id)
			.orElseThrow(() -> new IllegalStateException("job " + id + " SUCCEEDED without a result"));
	}

	/** The files a job saved, by name. @throws NotFoundException for an unknown id */
	public List<JobArtifact> artifacts(UUID id) {
		require(id);
		return artifacts.list(id);
	}

	/**
	 * One file a job saved, with all its bytes in one array (for callers that need them
	 * at once; a download streams them: {@link #download}).
	 * @throws NotFoundException for an unknown job or name
	 */
	public JobArtifact.Content artifact(UUID id, String name) {
		JobArtifacts.Stored stored = stored(id, name);
		return new JobArtifact.Content(stored.artifact(), artifacts.readAll(stored));
	}

	/**
	 * One file a job saved, to be read as a stream: only its description is read now, its
	 * bytes a chunk at a time as the stream is consumed.
	 * @throws NotFoundException for an unknown job or name
	 */
	public JobArtifact.Download download(UUID id, String name) {
		JobArtifacts.Stored stored = stored(id, name);
		return new JobArtifact.Download(stored.artifact(), () -> artifacts.open(stored));
	}

	private JobArtifacts.Stored stored(UUID id, String name) {
		require(id);
		return artifacts.find(id, name).orElseThrow(() -> {
			List<String> known = artifacts.list(id).stream().map(JobArtifact::name).toList();
			return new NotFoundException("Unknown artifact",
					"job %s has no artifact '%s'; it has %s".formatted(id, name, known))
				.with("known", known);
		});
	}

	/**
	 * Cancels a job: a QUEUED one is CANCELLED at once; a RUNNING one is marked and its
	 * handler stops at its next {@link JobContext#checkCancelled()} (within about a
	 * second), wherever it runs.
	 * @return the job after the request: CANCELLED, or RUNNING with cancelRequested
	 * @throws NotFoundException for an unknown id
	 * @throws ConflictException if it already ended
	 */
	public JobView cancel(UUID id) {
		while (true) {
			JobView after = cancellations.cancel(require(id));
			if (after != null) {
				return after;
			}
			// the job moved on between reading and writing: look again
		}
	}

	/** Registered kinds, sorted. */
	public List<String> kinds() {
		return handlers.kinds();
	}

	/**
	 * The handler of a registered kind.
	 * @throws InvalidInputException for an unknown kind, listing the registered ones
	 */
	public JobHandler<?, ?> handler(String kind) {
		return handlers.find(kind)
			.orElseThrow(() -> new InvalidInputException("Unknown job kind",
					"kind must be one of %s but was '%s'".formatted(handlers.kinds(), kind))
				.with("allowed", handlers.kinds()));
	}

	/** Every registered handler, by kind. */
	public List<JobHandler<?, ?>> handlers() {
		return handlers.all();
	}

	private JobRecord require(UUID id) {
		return store.find(id).orElseThrow(() -> new NotFoundException("Unknown job", "no job has id " + id));
	}

}
