package dev.factlab.jobs.web;

import java.net.URI;

import dev.factlab.jobs.RetryLaterException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders {@link RetryLaterException} as a 429 problem with a Retry-After header. Ordered
 * before the web module's problem handler, which renders every other
 * {@link dev.factlab.web.ApiException} but sets no headers.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryLaterAdvice {

	@ExceptionHandler(RetryLaterException.class)
	ResponseEntity<ProblemDetail> retryLater(RetryLaterException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(ex.status()), ex.getMessage());
		problem.setTitle(ex.title());
		ex.properties().forEach(problem::setProperty);
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
