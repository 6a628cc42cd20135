package dev.factlab.web;

import dev.factlab.errors.DomainException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The servlet container's error page (/error), in place of Spring Boot's whitelabel page
 * and its JSON: errors that happen outside Spring MVC (in a filter, or a
 * {@code sendError} from the container) are problems too, whatever the client accepts.
 */
@RestController
@Hidden
class ErrorPageController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

	@RequestMapping("/error")
	ResponseEntity<Object> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(code instanceof Integer status)) {
			// asked for directly: there is no such resource
			return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "Not Found",
					"No endpoint %s /error.".formatted(request.getMethod())), request.getRequestURI(), null);
		}
		Throwable ex = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		DomainException domain = DomainProblems.find(ex);
		if (domain != null) {
			return Problems.response(DomainProblems.toProblem(domain), path, DomainProblems.retryAfter(domain));
		}
		if (status == 500) {
			if (ex != null) {
				log.error("Unexpected error on {}", path, ex);
			}
			return Problems.response(DomainProblems.internalError(), path, null);
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		String detail = message != null && !message.isBlank() ? message : ex != null && ex.getMessage() != null
				? ex.getMessage() : "The request failed with %d %s".formatted(status, title);
		return Problems.response(Problems.of(HttpStatusCode.valueOf(status), title, detail), path, null);
	}

}
