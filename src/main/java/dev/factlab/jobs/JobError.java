package dev.factlab.jobs;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a job FAILED, precise enough to act on.
 *
 * @param code one of {@link #HANDLER_FAILED}, {@link #TIMED_OUT},
 * {@link #TOO_MANY_ATTEMPTS}, {@link #INVALID_SPEC}, {@link #UNKNOWN_KIND},
 * {@link #RESULT_TOO_LARGE}
 * @param message what went wrong, in words
 * @param step the step the job was in (from its latest progress report), or null
 */
@Schema(description = "Why a job failed. Codes: handler-failed (the computation threw; message says why), timed-out "
		+ "(ran longer than factlab.jobs.max-run-time), too-many-attempts (started factlab.jobs.max-attempts times, "
		+ "each ended by an instance's death), invalid-spec (the stored spec can't be read any more), unknown-kind (no "
		+ "instance can run this kind), result-too-large (over factlab.jobs.max-result-bytes).")
public record JobError(@Schema(
		description = "Machine-readable cause: handler-failed, timed-out, too-many-attempts, invalid-spec, unknown-kind or result-too-large",
		example = "handler-failed") String code,
		@Schema(description = "What went wrong, for people",
				example = "loss became NaN at iteration 17; try a smaller learning rate") String message,
		@Schema(description = "The step the job was in, if known", example = "optimise", nullable = true) String step) {

	public static final String HANDLER_FAILED = "handler-failed";

	public static final String TIMED_OUT = "timed-out";

	public static final String TOO_MANY_ATTEMPTS = "too-many-attempts";

	public static final String INVALID_SPEC = "invalid-spec";

	public static final String UNKNOWN_KIND = "unknown-kind";

	public static final String RESULT_TOO_LARGE = "result-too-large";

	public JobError {
		if (code == null || code.isBlank() || message == null || message.isBlank()) {
			throw new IllegalArgumentException(
					"a job error needs a code and a message but had " + code + ", " + message);
		}
	}

}
