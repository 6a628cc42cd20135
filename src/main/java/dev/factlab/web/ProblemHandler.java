package dev.factlab.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.factlab.errors.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error inside Spring MVC into an RFC 9457 problem
 * (application/problem+json): domain failures by {@link DomainProblems}' table, the
 * framework's own client errors with a precise detail (what was expected, what came),
 * anything else as a bare 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(DomainException.class)
	ResponseEntity<Object> handleDomain(DomainException ex, HttpServletRequest request) {
		return domain(ex, request.getRequestURI());
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<Map<String, Object>> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> Map.<String, Object>of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
			.toList();
		return Problems.response(InvalidFields.problem(errors), request.getRequestURI(), null);
	}

	/**
	 * Tomcat refused to parse form parameters, e.g. a form body over
	 * server.tomcat.max-http-form-post-size (413).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleInvalidParameters(InvalidParameterException ex, HttpServletRequest request) {
		HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
		ProblemDetail problem = status == HttpStatus.CONTENT_TOO_LARGE ? Problems
			.of(status, "Request too large", "the form body is larger than this server parses "
					+ "(server.tomcat.max-http-form-post-size); this API takes JSON (Content-Type: application/json)")
				: Problems.of(status == null ? HttpStatus.BAD_REQUEST : status, "Invalid request parameters",
						"the request parameters can't be read: " + ex.getMessage());
		return Problems.response(problem, request.getRequestURI(), null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
		DomainException domain = DomainProblems.find(ex);
		if (domain != null) {
			return domain(domain, request.getRequestURI());
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return Problems.response(DomainProblems.internalError(), request.getRequestURI(), null);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		DomainException domain = DomainProblems.find(ex);
		if (domain != null) {
			return domain(domain, path(request));
		}
		return Problems.response(
				Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body", UnreadableBodies.detail(ex)),
				path(request), null);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()),
					"rejected", String.valueOf(error.getRejectedValue())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(e -> errors
				.add(Map.of("field", e.getObjectName(), "message", String.valueOf(e.getDefaultMessage()))));
		return Problems.response(InvalidFields.problem(errors), path(request), null);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
			String name = result.getMethodParameter().getParameterName();
			errors.add(Map.of("field", String.valueOf(name), "message", String.valueOf(error.getDefaultMessage()),
					"rejected", String.valueOf(result.getArgument())));
		}));
		return Problems.response(InvalidFields.problem(errors), path(request), null);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String type = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
		return Problems.response(
				Problems.of(HttpStatus.BAD_REQUEST, "Invalid parameter",
						"Parameter '%s' expected %s but was '%s'".formatted(ex.getPropertyName(), type, ex.getValue())),
				path(request), null);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getInstance() == null) {
			Problems.at(problem, path(request));
		}
		return response;
	}

	private static ResponseEntity<Object> domain(DomainException ex, String path) {
		return Problems.response(DomainProblems.toProblem(ex), path, DomainProblems.retryAfter(ex));
	}

	private static String path(WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			return servlet.getRequest().getRequestURI();
		}
		return null;
	}

}
