package dev.factlab.angles;

import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The pairwise angles of the rows of a matrix (every unordered pair once), with the
 * cosine figures that compare arrangements of different tails: the mean |cos|, the RMS
 * cosine (which no arrangement of N unit vectors in D dimensions can bring below Welch's
 * bound, sqrt((N − D) / (D (N − 1))); random directions give about 1/√D), and quantiles
 * of the deviation from perpendicular, |90° − angle| = asin|cos|.
 * <p>
 * Precision: the three cosine figures come from the 2<sup>16</sup>-cell histogram uniform
 * in cosine that {@link AngleStatistics}' quantiles use, taking each pair at its cell's
 * centre: |error| ≤ 1.6e-5 in cosine (half a cell), interpolated within a cell for the
 * quantiles.
 *
 * @param statistics the angle statistics and histograms
 * @param meanAbsCosine mean |cos| over the pairs
 * @param rmsCosine sqrt(mean cos²) over the pairs
 * @param deviationQuantiles the deviations from 90° below which 50%, 99% and 99.99% of
 * the pairs lie, in degrees
 */
@Schema(description = "Pairwise angles of the rows of a matrix")
public record RowAngles(@Schema(description = "Angle statistics and histograms") AngleStatistics statistics,
		@Schema(description = "Mean absolute cosine over the pairs", example = "0.0407") double meanAbsCosine,
		@Schema(description = "Root mean square cosine over the pairs; no arrangement goes below the Welch cosine",
				example = "0.051") double rmsCosine,
		@Schema(description = "Deviations from 90 degrees, |90 - angle| = asin|cos|, below which 50%, 99% and 99.99% "
				+ "of the pairs lie") List<AngleStatistics.Quantile> deviationQuantiles) {

	/** The levels of {@link #deviationQuantiles}: 50%, 99%, 99.99%. */
	public static final List<Double> DEVIATION_LEVELS = List.of(0.5, 0.99, 0.9999);

	public RowAngles {
		Objects.requireNonNull(statistics, "statistics");
		deviationQuantiles = List.copyOf(deviationQuantiles);
	}

	/**
	 * The deviation from 90° below which {@code level} of the pairs lie.
	 * @throws IllegalArgumentException for a level not in {@link #DEVIATION_LEVELS}
	 */
	public double deviationDegrees(double level) {
		return deviationQuantiles.stream()
			.filter(q -> q.level() == level)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no deviation quantile at level " + level))
			.degrees();
	}

}
