package dev.factlab.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.factlab.errors.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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
 * Turns every error into an RFC 9457 problem (application/problem+json): client mistakes
 * with a precise detail (what was expected, what came), anything else as a bare 500
 * without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, HttpServletRequest request) {
		return respond(toProblem(ex), request.getRequestURI());
	}

	@ExceptionHandler(DomainException.class)
	ResponseEntity<Object> handleDomain(DomainException ex, HttpServletRequest request) {
		return respond(DomainProblems.toProblem(ex), request.getRequestURI(), DomainProblems.retryAfter(ex));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<Map<String, Object>> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> Map.<String, Object>of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return respond(problem, request.getRequestURI());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
		ApiException api = findApiException(ex);
		if (api != null) {
			return respond(toProblem(api), request.getRequestURI());
		}
		DomainException domain = DomainProblems.find(ex);
		if (domain != null) {
			return handleDomain(domain, request);
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to handle this request; the error has been logged.");
		problem.setTitle("Internal error");
		return respond(problem, request.getRequestURI());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ApiException api = findApiException(ex);
		if (api != null) {
			return respond(toProblem(api), path(request));
		}
		DomainException domain = DomainProblems.find(ex);
		if (domain != null) {
			return respond(DomainProblems.toProblem(domain), path(request), DomainProblems.retryAfter(domain));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
		problem.setTitle("Malformed request body");
		return respond(problem, path(request));
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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return respond(problem, path(request));
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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return respond(problem, path(request));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String type = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Parameter '%s' expected %s but was '%s'".formatted(ex.getPropertyName(), type, ex.getValue()));
		problem.setTitle("Invalid parameter");
		return respond(problem, path(request));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getInstance() == null) {
			problem.setInstance(URI.create(path(request)));
		}
		return response;
	}

	static ProblemDetail toProblem(ApiException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(ex.status()), ex.getMessage());
		problem.setTitle(ex.title());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem, String path) {
		return respond(problem, path, null);
	}

	/**
	 * @param retryAfterSeconds the Retry-After header's value, or null for none
	 */
	private static ResponseEntity<Object> respond(ProblemDetail problem, String path, Long retryAfterSeconds) {
		if (path != null) {
			problem.setInstance(URI.create(path));
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfterSeconds != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		return response.body(problem);
	}

	private static ApiException findApiException(Throwable ex) {
		for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof ApiException api) {
				return api;
			}
		}
		return null;
	}

	private static String unreadableDetail(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '%s' at %s; known fields: %s".formatted(unknown.getPropertyName(),
					jsonPath(unknown.getPath().subList(0, unknown.getPath().size() - 1)),
					unknown.getKnownPropertyIds());
		}
		if (cause instanceof JacksonException jackson) {
			StringBuilder detail = new StringBuilder(withoutPackages(jackson.getOriginalMessage()));
			if (jackson instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				detail.append(" (at ").append(jsonPath(databind.getPath())).append(')');
			}
			TokenStreamLocation location = jackson.getLocation();
			if (location != null && location.getLineNr() > 0) {
				detail.append(" at line ")
					.append(location.getLineNr())
					.append(", column ")
					.append(location.getColumnNr());
			}
			return "The request body is not valid JSON for this operation: " + detail;
		}
		if (cause == ex || cause == null) {
			return "The request body is missing or unreadable; send a JSON object (Content-Type: application/json).";
		}
		return "The request body is not valid JSON for this operation: " + cause.getMessage();
	}

	private static final java.util.regex.Pattern QUALIFIED = java.util.regex.Pattern
		.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

	/**
	 * Jackson names Java types ("`dev.factlab.params.MlpKind`"); clients need only the
	 * simple name.
	 */
	static String withoutPackages(String message) {
		return message == null ? "" : QUALIFIED.matcher(message).replaceAll("$1");
	}

	/** A JSONPath such as {@code $.tokens[3]}, without Java class names. */
	private static String jsonPath(List<JacksonException.Reference> path) {
		StringBuilder out = new StringBuilder("$");
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				out.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				out.append('[').append(reference.getIndex()).append(']');
			}
		}
		return out.toString();
	}

	private static String describe(List<Map<String, Object>> errors) {
		StringBuilder detail = new StringBuilder();
		for (Map<String, Object> error : errors) {
			if (!detail.isEmpty()) {
				detail.append("; ");
			}
			detail.append(error.get("field")).append(": ").append(error.get("message"));
			Object rejected = error.get("rejected");
			if (rejected != null) {
				detail.append(" (was ").append(rejected).append(')');
			}
		}
		return detail.isEmpty() ? "The request is invalid" : detail.toString();
	}

	private static String path(WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			return servlet.getRequest().getRequestURI();
		}
		return null;
	}

}
