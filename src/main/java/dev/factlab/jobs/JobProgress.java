package dev.factlab.jobs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The latest progress report of a job.
 *
 * @param fraction done so far, 0 to 1
 * @param step the current phase, or null before the first report
 * @param metrics the latest numbers the job reported (not a history)
 * @param message a sentence for people, or null
 * @param reportedAt when the job reported it, or null before the first report
 */
@Schema(description = "The latest progress report: how far, which phase, the latest metrics.")
public record JobProgress(
		@Schema(description = "How far the job is, from 0 to 1", example = "0.42", minimum = "0",
				maximum = "1") double fraction,
		@Schema(description = "The current phase", example = "optimise", nullable = true) String step,
		@Schema(description = "The latest metrics the job reported",
				example = "{\"iteration\": 105, \"loss\": 1834.2}") Map<String, Object> metrics,
		@Schema(description = "A readable progress note", example = "Adam step 105 of 250",
				nullable = true) String message,
		@Schema(description = "When the job reported it; null before the first report",
				example = "2026-05-04T10:15:31.250Z", nullable = true) Instant reportedAt) {

	/** Before the job reported anything. */
	public static final JobProgress NONE = new JobProgress(0, null, Map.of(), null, null);

	public JobProgress {
		if (!(fraction >= 0 && fraction <= 1)) {
			throw new IllegalArgumentException("progress fraction must be within [0, 1] but was " + fraction);
		}
		metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
	}

}
