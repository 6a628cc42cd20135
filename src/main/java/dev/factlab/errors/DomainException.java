package dev.factlab.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request that can't be served, in domain terms: a short title, a precise detail (what
 * was expected, what came) and named extension values (e.g. {@code limit},
 * {@code allowed}). Each subclass is one kind of failure; which HTTP status it becomes is
 * the web module's business.
 */
public abstract class DomainException extends RuntimeException {

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected DomainException(String title, String detail) {
		super(detail);
		this.title = title;
	}

	/** A short, stable summary of the kind of failure, e.g. "Unknown model". */
	public String title() {
		return title;
	}

	/** The members RFC 9457 defines; an extension may not take their names. */
	private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance");

	/**
	 * Adds an extension value to the failure, e.g. {@code expected} and {@code actual}.
	 * @param name not one of RFC 9457's own members (type, title, status, detail,
	 * instance): {@code status} there is the HTTP status, so a job's status is
	 * {@code jobStatus}
	 * @param value a JSON-serialisable value
	 * @return this
	 * @throws IllegalArgumentException for a reserved name
	 */
	public DomainException with(String name, Object value) {
		if (RESERVED.contains(name)) {
			throw new IllegalArgumentException("'%s' is a member of RFC 9457 itself, not an extension".formatted(name));
		}
		properties.put(name, value);
		return this;
	}

	/** The extension values, in the order they were added. */
	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

}
