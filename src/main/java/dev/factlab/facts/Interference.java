package dev.factlab.facts;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.AngleStatistics;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How much a space's directions overlap, measured by the angles module's statistics.
 *
 * @param measuredDirections how many directions were measured (the first ones)
 * @param worstAbsCos the largest |cos| over the measured pairs
 * @param typicalAbsCos |cos| at the 1% and 99% angle quantiles (the larger): 98% of the
 * pairs overlap less
 * @param angles the pairwise angles (quantiles, histograms, near-parallel pairs)
 * @param bounds Welch's and Levenstein's bounds for all N directions in D dimensions
 */
@Schema(description = "How much the directions overlap")
public record Interference(
		@Schema(description = "How many directions were measured: the first ones, all when there are at most "
				+ "factlab.facts.max-interference-directions", example = "4000") int measuredDirections,
		@Schema(description = "The largest |cos| over the measured pairs", example = "0.43") double worstAbsCos,
		@Schema(description = "|cos| at the 1% and 99% angle quantiles, the larger: 98% of the pairs overlap less",
				example = "0.23") double typicalAbsCos,
		@Schema(description = "The pairwise angles, from the angles module's statistics") AngleSummary angles,
		@Schema(description = "What no arrangement of N unit vectors in D dimensions can beat (Welch, Levenstein); "
				+ "null for a single direction") AngleBounds bounds) {

	static Interference of(AngleStatistics angles, AngleBounds bounds, int measured) {
		double worst = Math.max(Math.abs(Math.cos(Math.toRadians(angles.minDegrees()))),
				Math.abs(Math.cos(Math.toRadians(angles.maxDegrees()))));
		double low = angles.quantiles().get(1).degrees();
		double high = angles.quantiles().get(3).degrees();
		double typical = Math.max(Math.abs(Math.cos(Math.toRadians(low))), Math.abs(Math.cos(Math.toRadians(high))));
		return new Interference(measured, worst, typical, AngleSummary.of(angles), bounds);
	}

}
