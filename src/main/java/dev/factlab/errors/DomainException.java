package dev.factlab.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

	/**
	 * Adds an extension value to the failure, e.g. {@code expected} and {@code actual}.
	 * @param value a JSON-serialisable value
	 * @return this
	 */
	public DomainException with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	/** The extension values, in the order they were added. */
	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

}
