package dev.factlab.angles;

import java.util.Objects;

/**
 * What an angle run produced. {@code before} and {@code after} share their histogram
 * ranges, so two runs with different losses (and the same size and seed) compare side by
 * side.
 *
 * @param experiment the spec that was run
 * @param before the angles of the random start (rows normalised)
 * @param after the angles after the last step
 * @param lossCurve the loss at the start of each step, [steps]; not copied, do not modify
 * @param timings where the time went
 * @param vectors the final V, row-major [vectors × dimensions] float32, as the optimiser
 * left it (the lesson loss does not renormalise, so rows are only nearly unit); not
 * copied, do not modify
 * @param kernel how it was computed, e.g. "2 workers, tiles of 1024, Vector API 512-bit"
 */
public record AngleRunResult(AngleExperiment experiment, AngleStatistics before, AngleStatistics after,
		double[] lossCurve, AngleTimings timings, float[] vectors, String kernel) {

	public AngleRunResult {
		Objects.requireNonNull(experiment, "experiment");
		Objects.requireNonNull(before, "before");
		Objects.requireNonNull(after, "after");
		Objects.requireNonNull(timings, "timings");
		if (lossCurve.length != experiment.steps()) {
			throw new IllegalArgumentException(
					"lossCurve expected [steps=%d] but was [%d]".formatted(experiment.steps(), lossCurve.length));
		}
		long expected = (long) experiment.vectors() * experiment.dimensions();
		if (vectors.length != expected) {
			throw new IllegalArgumentException("vectors expected [%d × %d = %d] but was [%d]"
				.formatted(experiment.vectors(), experiment.dimensions(), expected, vectors.length));
		}
	}

}
