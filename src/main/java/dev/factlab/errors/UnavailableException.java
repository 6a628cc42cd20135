package dev.factlab.errors;

import java.time.Duration;

/**
 * A dependency is away or the service is busy for a moment: the database is unreachable,
 * a large pass could not get its turn in time (HTTP 503 with Retry-After).
 */
public class UnavailableException extends DomainException {

	private final Duration retryAfter;

	public UnavailableException(String title, String detail, Duration retryAfter) {
		super(title, detail);
		this.retryAfter = retryAfter;
		with("retryAfterSeconds", retryAfterSeconds());
	}

	/** Whole seconds to wait, at least 1. */
	public long retryAfterSeconds() {
		return RetryLaterException.seconds(retryAfter);
	}

}
