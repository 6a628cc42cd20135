package dev.factlab.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The 400 problem of a request that failed bean validation: every failed field with its
 * message and rejected value, in {@code errors} and summed up in the detail.
 */
final class InvalidFields {

	private InvalidFields() {
	}

	/**
	 * @param errors each with {@code field}, {@code message} and optionally
	 * {@code rejected}
	 */
	static ProblemDetail problem(List<Map<String, Object>> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", describe(errors));
		problem.setProperty("errors", errors);
		return problem;
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

}
