package dev.factlab.jobs;

import java.time.Duration;

import dev.factlab.web.ApiException;

/**
 * 429 Too Many Requests: a capacity limit is reached for now (the job queue, open event
 * streams). Rendered as a problem with {@code limit} in the body and a
 * {@code Retry-After} header.
 */
public class RetryLaterException extends ApiException {

	private final Duration retryAfter;

	public RetryLaterException(String what, long limit, Duration retryAfter) {
		super(429, "Too many requests", "%s: the limit of %,d is reached; retry in %d s".formatted(what, limit,
				Math.max(1, retryAfter.toSeconds())));
		this.retryAfter = retryAfter;
		with("limit", limit);
		with("retryAfterSeconds", retryAfterSeconds());
	}

	public long retryAfterSeconds() {
		return Math.max(1, retryAfter.toSeconds());
	}

}
