package dev.factlab.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;

/**
 * Writes a problem straight to a servlet response, for answers given outside Spring MVC
 * (a filter, the servlet container's error valve) in the same JSON that the MVC message
 * converter writes: the application's JSON settings plus Spring's problem mixin.
 */
@Component
class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
	}

	/** The problem as JSON text. */
	String json(ProblemDetail problem) {
		return json.writeValueAsString(problem);
	}

	/**
	 * Sets status, content type and Retry-After, then writes the body; the response must
	 * not be committed.
	 * @param retryAfterSeconds the Retry-After header's value, or null for none
	 */
	void write(HttpServletResponse response, ProblemDetail problem, Long retryAfterSeconds) throws IOException {
		byte[] body = json.writeValueAsBytes(problem);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		if (retryAfterSeconds != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
