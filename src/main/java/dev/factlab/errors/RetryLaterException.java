package dev.factlab.errors;

import java.time.Duration;

/**
 * A capacity limit is reached for now: the job queue, open event streams, a client's rate
 * (HTTP 429 with Retry-After). Carries {@code limit} and {@code retryAfterSeconds}.
 */
public class RetryLaterException extends DomainException {

	private final Duration retryAfter;

	/**
	 * @param what the limited quantity and the key that sets it, e.g. "queued and running
	 * jobs (factlab.jobs.max-queued)"
	 * @param limit the configured limit
	 * @param retryAfter when trying again makes sense
	 */
	public RetryLaterException(String what, long limit, Duration retryAfter) {
		super("Too many requests",
				"%s: the limit of %,d is reached; retry in %d s".formatted(what, limit, seconds(retryAfter)));
		this.retryAfter = retryAfter;
		with("limit", limit);
		with("retryAfterSeconds", seconds(retryAfter));
	}

	/** Whole seconds to wait, at least 1. */
	public long retryAfterSeconds() {
		return seconds(retryAfter);
	}

	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
