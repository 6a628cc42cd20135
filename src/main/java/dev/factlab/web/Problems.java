package dev.factlab.web;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The shape of every error answer: an RFC 9457 problem with a title, a precise detail and
 * the request path as {@code instance}, sent as application/problem+json with a
 * Retry-After header when there is one. {@link ProblemHandler}, the /error fallback, the
 * request-size filter and the servlet container's error valve all answer through here.
 */
final class Problems {

	private Problems() {
	}

	static ProblemDetail of(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Sets {@code instance} to the request path; leaves it out for a path that is not a
	 * URI.
	 */
	static ProblemDetail at(ProblemDetail problem, String path) {
		if (path != null && !path.isEmpty()) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException notAUri) {
				// a malformed request path: the detail says what was wrong with it
			}
		}
		return problem;
	}

	/**
	 * @param retryAfterSeconds the Retry-After header's value, or null for none
	 */
	static ResponseEntity<Object> response(ProblemDetail problem, String path, Long retryAfterSeconds) {
		at(problem, path);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfterSeconds != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		return response.body(problem);
	}

}
