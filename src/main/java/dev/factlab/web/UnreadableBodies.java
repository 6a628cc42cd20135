package dev.factlab.web;

import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says what is wrong with a request body that can't be read: where (a JSONPath and the
 * line and column), and what Jackson expected, in the API's terms rather than Java's.
 */
final class UnreadableBodies {

	private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

	private UnreadableBodies() {
	}

	static String detail(HttpMessageNotReadableException ex) {
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

}
