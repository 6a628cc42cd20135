package dev.factlab.angles;

import java.util.List;
import java.util.Objects;

/**
 * The pairwise angles of N vectors, every unordered pair once (N(N−1)/2 of them), in
 * degrees. The tails are part of the answer: {@code nearParallelPairs} and the extremes
 * show the pairs a zoomed histogram hides.
 * <p>
 * Precision: min and max are exact (acos of the extreme float32 cosines); mean and std
 * use a polynomial acos (Abramowitz–Stegun 4.4.45, |error| &lt; 1e-5°) summed in double;
 * quantiles come from a histogram of 2<sup>16</sup> cells uniform in cosine (3.1e-5
 * wide), interpolated within a cell: resolution 0.0017° at 90°, 0.02° at 5° or 175°, 0.1°
 * at 1° or 179°. Counts and fractions are exact for the float32 cosines; an interval like
 * 89°–91° is half-open, [89°, 91°).
 *
 * @param pairs N(N−1)/2
 * @param minDegrees the smallest angle
 * @param maxDegrees the largest angle
 * @param meanDegrees mean angle
 * @param stdDegrees population standard deviation of the angles
 * @param quantiles the angles below which 0.01%, 1%, 50%, 99% and 99.99% of the pairs lie
 * @param within1Degree fraction of pairs in [89°, 91°)
 * @param within5Degrees fraction of pairs in [85°, 95°)
 * @param nearParallelPairs pairs below 10° or at or above 170°: collapsed to nearly
 * parallel or opposite
 * @param minNorm the shortest vector's Euclidean length
 * @param maxNorm the longest vector's Euclidean length
 * @param histogram the full histogram
 * @param zoom the zoomed histogram
 */
public record AngleStatistics(long pairs, double minDegrees, double maxDegrees, double meanDegrees, double stdDegrees,
		List<Quantile> quantiles, double within1Degree, double within5Degrees, long nearParallelPairs, double minNorm,
		double maxNorm, AngleHistogram histogram, AngleHistogram zoom) {

	/** The quantile levels reported, as fractions: 0.01%, 1%, 50%, 99%, 99.99%. */
	public static final List<Double> QUANTILE_LEVELS = List.of(0.0001, 0.01, 0.5, 0.99, 0.9999);

	public AngleStatistics {
		Objects.requireNonNull(histogram, "histogram");
		Objects.requireNonNull(zoom, "zoom");
		quantiles = List.copyOf(quantiles);
		if (histogram.total() != pairs || zoom.total() != pairs) {
			throw new IllegalArgumentException("histograms must count all %d pairs but counted %d and %d"
				.formatted(pairs, histogram.total(), zoom.total()));
		}
	}

	/** Fraction of pairs below 10° or at or above 170°. */
	public double nearParallelFraction() {
		return (double) nearParallelPairs / pairs;
	}

	/**
	 * @param level fraction of pairs, e.g. 0.01 for 1%
	 * @param degrees the angle below which that fraction of the pairs lies
	 */
	public record Quantile(double level, double degrees) {
	}

}
