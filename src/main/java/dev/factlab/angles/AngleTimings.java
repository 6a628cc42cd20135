package dev.factlab.angles;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where an angle run's time went, in seconds of wall-clock time.
 *
 * @param startSeconds drawing the random start and normalising it
 * @param histogramBeforeSeconds measuring the start's angles
 * @param optimiseSeconds all steps
 * @param histogramAfterSeconds measuring the result's angles
 * @param stepSeconds each step's time, [steps]; not copied, do not modify
 */
public record AngleTimings(double startSeconds, double histogramBeforeSeconds, double optimiseSeconds,
		double histogramAfterSeconds, double[] stepSeconds) {

	public AngleTimings {
		Objects.requireNonNull(stepSeconds, "stepSeconds");
	}

	/** The median of {@code stepSeconds}, or 0 without steps. */
	public double medianStepSeconds() {
		if (stepSeconds.length == 0) {
			return 0;
		}
		double[] sorted = stepSeconds.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
