package dev.factlab.errors;

/**
 * The request asks for more than a documented limit allows (HTTP 413). Carries
 * {@code limit}, {@code requested} and {@code unit}.
 */
public class LimitExceededException extends DomainException {

	private final long limit;

	private final long requested;

	/**
	 * @param what the limited quantity and the key that sets it, e.g. "tokens per request
	 * (factlab.mlp.max-tokens-per-request)"
	 * @param limit the configured limit
	 * @param requested what the request asked for
	 * @param unit the unit of both numbers, e.g. "tokens" or "bytes"
	 */
	public LimitExceededException(String what, long limit, long requested, String unit) {
		super("Request too large",
				"%s: limit is %,d %s but the request asks for %,d %s".formatted(what, limit, unit, requested, unit));
		this.limit = limit;
		this.requested = requested;
		with("limit", limit);
		with("requested", requested);
		with("unit", unit);
	}

	public long limit() {
		return limit;
	}

	public long requested() {
		return requested;
	}

}
