package dev.factlab.angles;

import dev.factlab.web.ApiException;

/**
 * How large an angle experiment this service accepts. Memory is O(N·D + workers · tile²),
 * so the caps bound time rather than memory: one lesson-loss step costs about 3·N²·D
 * floating-point operations (≈ 0.2 s at 10,000 × 100 and ≈ 23 s at 100,000 × 100 on 2
 * cores).
 *
 * @param maxVectors the largest N
 * @param maxDimensions the largest D
 * @param maxElements the largest N·D (the size of V and of the stored result)
 * @param maxSteps the most Adam steps
 * @param maxBins the most bins in either histogram
 */
public record AngleLimits(int maxVectors, int maxDimensions, long maxElements, int maxSteps, int maxBins) {

	/** N ≤ 100,000, D ≤ 1,024, N·D ≤ 10,000,000, 10,000 steps, 10,000 bins. */
	public static final AngleLimits DEFAULT = new AngleLimits(100_000, 1_024, 10_000_000, 10_000, 10_000);

	public AngleLimits {
		if (maxVectors < 2 || maxDimensions < 1 || maxElements < 2 || maxSteps < 0 || maxBins < 1) {
			throw new IllegalArgumentException("angle limits must be positive: " + this);
		}
	}

	/**
	 * @throws ApiException 413 naming the first limit {@code experiment} exceeds
	 */
	public void check(AngleExperiment experiment) {
		checkMeasurement(experiment.vectors(), experiment.dimensions(), experiment.histogram(), experiment.zoom());
		check("steps", maxSteps, experiment.steps(), "steps");
	}

	/**
	 * @throws ApiException 413 naming the first limit that measuring the angles of these
	 * vectors exceeds
	 */
	public void checkMeasurement(int vectors, int dimensions, HistogramRange histogram, HistogramRange zoom) {
		check("vectors", maxVectors, vectors, "vectors");
		check("dimensions", maxDimensions, dimensions, "dimensions");
		check("vectors × dimensions", maxElements, (long) vectors * dimensions, "numbers");
		check("histogram bins", maxBins, histogram.bins(), "bins");
		check("zoom histogram bins", maxBins, zoom.bins(), "bins");
	}

	private static void check(String what, long limit, long requested, String unit) {
		if (requested > limit) {
			throw ApiException.tooLarge(what, limit, requested, unit);
		}
	}

}
