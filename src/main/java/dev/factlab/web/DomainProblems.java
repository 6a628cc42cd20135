package dev.factlab.web;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.DatabaseOutages;
import dev.factlab.errors.DomainException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.errors.UnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one table from a domain failure to its HTTP status: invalid input 400, not found
 * 404, conflict 409, over a limit 413, retry later 429, unavailable 503; and the bare 500
 * for everything that is not a domain failure.
 */
final class DomainProblems {

	private DomainProblems() {
	}

	static HttpStatus status(DomainException ex) {
		if (ex instanceof InvalidInputException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof NotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (ex instanceof ConflictException) {
			return HttpStatus.CONFLICT;
		}
		if (ex instanceof LimitExceededException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		if (ex instanceof RetryLaterException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (ex instanceof UnavailableException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		throw new IllegalArgumentException("no HTTP status for " + ex.getClass().getSimpleName());
	}

	static ProblemDetail toProblem(DomainException ex) {
		ProblemDetail problem = Problems.of(status(ex), ex.title(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	/**
	 * The answer to a failure that is not the client's: no internals, just where to look.
	 */
	static ProblemDetail internalError() {
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The server failed to handle this request; the error has been logged.");
	}

	/** The Retry-After seconds of a failure that has one, else null. */
	static Long retryAfter(DomainException ex) {
		if (ex instanceof RetryLaterException later) {
			return later.retryAfterSeconds();
		}
		if (ex instanceof UnavailableException unavailable) {
			return unavailable.retryAfterSeconds();
		}
		return null;
	}

	/**
	 * The domain failure in {@code ex}'s cause chain; else a database outage in it, as
	 * {@link UnavailableException} (503, never a 500); else null.
	 */
	static DomainException find(Throwable ex) {
		for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof DomainException domain) {
				return domain;
			}
		}
		return DatabaseOutages.unavailable(ex).orElse(null);
	}

}
