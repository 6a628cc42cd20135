package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.jobs.JobHandler;
import dev.factlab.jobs.JobLimits;
import dev.factlab.jobs.JobSubmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts jobs in the queue: validates the spec with its kind's handler, honours the
 * Idempotency-Key, keeps the queue within factlab.jobs.max-queued (under a database row
 * lock, so across instances), and stores the job and its db-scheduler execution in one
 * transaction.
 */
@Component
public class Submissions {

	static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private static final Logger log = LoggerFactory.getLogger(Submissions.class);

	private final JobStore store;

	private final Scheduler scheduler;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	private final JobLimits limits;

	private final Clock clock;

	Submissions(JobStore store, Scheduler scheduler, TransactionTemplate tx, JsonMapper json, JobLimits limits,
			ObjectProvider<Clock> clock) {
		this.store = store;
		this.scheduler = scheduler;
		this.tx = tx;
		this.json = json;
		this.limits = limits;
		this.clock = StoredTime.clock(clock);
	}

	/**
	 * @param spec an instance of the handler's spec type
	 * @param idempotencyKey the client's key, or null
	 * @param client who sent it (an API key's client name), or null for an anonymous
	 * caller: the key is looked up among this client's keys only
	 * @throws InvalidInputException for a bad key, or whatever the handler's validate
	 * throws
	 * @throws ConflictException for a key first used with another kind or spec
	 * @throws RetryLaterException when factlab.jobs.max-queued jobs are queued or running
	 */
	public JobSubmission submit(JobHandler<?, ?> handler, Object spec, String idempotencyKey, String client) {
		validate(handler, spec);
		String kind = handler.kind();
		String specJson = json.writeValueAsString(spec);
		if (idempotencyKey != null) {
			if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
				throw new InvalidInputException("Invalid Idempotency-Key",
						"the Idempotency-Key header must be 1 to 255 "
								+ "visible ASCII characters (a UUID is a good choice) but was '%s'"
									.formatted(idempotencyKey));
			}
			Optional<JobRecord> existing = store.findByIdempotencyKey(scoped(idempotencyKey, client));
			if (existing.isPresent()) {
				return replay(existing.get(), kind, specJson);
			}
		}
		String storedKey = idempotencyKey == null ? null : scoped(idempotencyKey, client);
		JobRecord job = JobRecord.queued(UUID.randomUUID(), kind, specJson, storedKey, clock.instant());
		try {
			tx.executeWithoutResult(status -> {
				// the limit holds across instances: the count and the insert happen under
				// a row lock
				store.lockQueue();
				if (store.countActive() >= limits.maxQueued()) {
					throw new RetryLaterException("queued and running jobs (factlab.jobs.max-queued)",
							limits.maxQueued(), limits.queueFullRetryAfter());
				}
				store.insert(job);
				// db-scheduler keeps its own clock; "now" in its terms
				scheduler.schedule(JobExecutions.instance(job.id()), Instant.now());
			});
		}
		catch (DuplicateKeyException ex) {
			return replay(store.findByIdempotencyKey(storedKey).orElseThrow(() -> ex), kind, specJson);
		}
		scheduler.triggerCheckForDueExecutions();
		log.info("Job {} ({}) queued", job.id(), kind);
		return new JobSubmission(job.view(), false);
	}

	/**
	 * The key as stored: a client's keys carry its name and a space (which no key holds),
	 * so they never meet an anonymous key or another client's.
	 */
	static String scoped(String idempotencyKey, String client) {
		return client == null ? idempotencyKey : client + " " + idempotencyKey;
	}

	private JobSubmission replay(JobRecord existing, String kind, String specJson) {
		if (!existing.kind().equals(kind) || !json.readTree(existing.spec()).equals(json.readTree(specJson))) {
			throw new ConflictException("Idempotency-Key reused",
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

}
