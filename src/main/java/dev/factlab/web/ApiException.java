package dev.factlab.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client mistake, rendered as an RFC 9457 problem by {@link ProblemHandler}. Feature
 * modules throw it with one of the factory methods, which fix the status convention used
 * everywhere:
 * <ul>
 * <li>400 {@link #badRequest}: the request can't be read or a value in it is
 * invalid;</li>
 * <li>404 {@link #notFound}: the addressed resource does not exist;</li>
 * <li>409 {@link #conflict}: the request clashes with the resource's state;</li>
 * <li>413 {@link #tooLarge}: the request asks for more than a documented limit allows
 * (the problem carries {@code limit} and {@code requested}).</li>
 * </ul>
 * Plain Java, no Spring: domain code can throw it and stay testable without a context.
 */
public class ApiException extends RuntimeException {

	private final int status;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected ApiException(int status, String title, String detail) {
		super(detail);
		this.status = status;
		this.title = title;
	}

	public static ApiException badRequest(String title, String detail) {
		return new ApiException(400, title, detail);
	}

	public static ApiException notFound(String title, String detail) {
		return new ApiException(404, title, detail);
	}

	public static ApiException conflict(String title, String detail) {
		return new ApiException(409, title, detail);
	}

	/**
	 * @param what the limited quantity, e.g. "tokens per request"
	 * @param limit the configured limit
	 * @param requested what the request asked for
	 * @param unit the unit of both numbers, e.g. "tokens" or "bytes"
	 */
	public static ApiException tooLarge(String what, long limit, long requested, String unit) {
		return new ApiException(413, "Request too large",
				"%s: limit is %,d %s but the request asks for %,d %s".formatted(what, limit, unit, requested, unit))
			.with("limit", limit)
			.with("requested", requested)
			.with("unit", unit);
	}

	/**
	 * Adds an extension member to the problem body, e.g. {@code expected} and
	 * {@code actual}.
	 */
	public ApiException with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	public int status() {
		return status;
	}

	public String title() {
		return title;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

}
