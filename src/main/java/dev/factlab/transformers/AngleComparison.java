package dev.factlab.transformers;

import java.util.Locale;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.RowAngles;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A weight matrix's rows beside random Gaussian directions of the same shape, figure by
 * figure: how close to perpendicular its pairs are (mean |cos|, RMS cos, the deviation
 * from 90° that 99.99% of pairs stay within), how many collapsed (near-parallel), and its
 * worst pair against the best any arrangement can do. Ratios are real over random: above
 * 1 means further from perpendicular than chance.
 *
 * @param meanAbsCosine mean |cos| of the rows
 * @param randomMeanAbsCosine the same for random directions (≈ sqrt(2 / (π D)))
 * @param meanAbsCosineRatio real over random
 * @param rmsCosine sqrt(mean cos²) of the rows
 * @param randomRmsCosine the same for random directions (≈ 1/√D)
 * @param welchCosine the least RMS cosine (and max |cos|) any N unit vectors in D
 * dimensions can have: Welch's sqrt((N − D) / (D (N − 1)))
 * @param deviation9999Degrees |90° − angle| that 99.99% of the pairs stay within
 * @param randomDeviation9999Degrees the same for random directions
 * @param deviation9999Ratio real over random
 * @param medianDeviationDegrees median |90° − angle|
 * @param randomMedianDeviationDegrees the same for random directions
 * @param within5Degrees fraction of pairs within 85°–95°
 * @param randomWithin5Degrees the same for random directions
 * @param nearParallelFraction fraction of pairs below 10° or at or above 170°
 * @param randomNearParallelFraction the same for random directions
 * @param minDegrees the smallest angle between two rows
 * @param maxDegrees the largest
 * @param randomMinDegrees the smallest for random directions
 * @param bestWorstCaseDegrees the bounds' best possible worst-case angle (Welch,
 * Levenstein): no arrangement has every pair between it and 180° minus it
 * @param summary the figures above in one sentence
 */
@Schema(description = "The matrix's rows beside random directions of the same shape; ratios are real over random")
public record AngleComparison(@Schema(description = "Mean absolute cosine of the rows") double meanAbsCosine, @Schema(
		description = "Mean absolute cosine of random directions, about sqrt(2 / (pi D))") double randomMeanAbsCosine,
		@Schema(description = "Real over random") double meanAbsCosineRatio,
		@Schema(description = "Root mean square cosine of the rows") double rmsCosine,
		@Schema(description = "Root mean square cosine of random directions, about 1 / sqrt(D)") double randomRmsCosine,
		@Schema(description = "The least RMS cosine any N unit vectors in D dimensions can have (Welch)") double welchCosine,
		@Schema(description = "Deviation from 90 degrees that 99.99% of the pairs stay within") double deviation9999Degrees,
		@Schema(description = "The same for random directions") double randomDeviation9999Degrees,
		@Schema(description = "Real over random") double deviation9999Ratio,
		@Schema(description = "Median deviation from 90 degrees") double medianDeviationDegrees,
		@Schema(description = "The same for random directions") double randomMedianDeviationDegrees,
		@Schema(description = "Fraction of pairs within 85-95 degrees") double within5Degrees,
		@Schema(description = "The same for random directions") double randomWithin5Degrees,
		@Schema(description = "Fraction of pairs below 10 or at or above 170 degrees") double nearParallelFraction,
		@Schema(description = "The same for random directions") double randomNearParallelFraction,
		@Schema(description = "Smallest angle between two rows, degrees") double minDegrees,
		@Schema(description = "Largest angle between two rows, degrees") double maxDegrees,
		@Schema(description = "Smallest angle between two random directions, degrees") double randomMinDegrees,
		@Schema(description = "No arrangement keeps every pair between this and 180 minus this (Welch, Levenstein)") double bestWorstCaseDegrees,
		@Schema(description = "The figures in one sentence") String summary) {

	static AngleComparison of(String name, RowAngles real, RowAngles random, AngleBounds bounds) {
		double deviation = real.deviationDegrees(0.9999);
		double randomDeviation = random.deviationDegrees(0.9999);
		var r = real.statistics();
		var g = random.statistics();
		String summary = String.format(Locale.ROOT,
				"%s (%,d rows in %d dimensions): mean |cos| %.4f against %.4f for random directions (%.2fx); RMS cos "
						+ "%.4f against %.4f (no arrangement goes below %.4f); 99.99%% of pairs within %.2f° of 90° "
						+ "against %.2f° (%.2fx); %.4f%% of pairs near-parallel (< 10° or > 170°) against %.4f%%; "
						+ "closest pair %.2f° against %.2f° (best possible %.2f°).",
				name, bounds.vectors(), bounds.dimensions(), real.meanAbsCosine(), random.meanAbsCosine(),
				real.meanAbsCosine() / random.meanAbsCosine(), real.rmsCosine(), random.rmsCosine(),
				bounds.welch().cosine(), deviation, randomDeviation, deviation / randomDeviation,
				100 * r.nearParallelFraction(), 100 * g.nearParallelFraction(), r.minDegrees(), g.minDegrees(),
				bounds.bestWorstCaseDegrees());
		return new AngleComparison(real.meanAbsCosine(), random.meanAbsCosine(),
				real.meanAbsCosine() / random.meanAbsCosine(), real.rmsCosine(), random.rmsCosine(),
				bounds.welch().cosine(), deviation, randomDeviation, deviation / randomDeviation,
				real.deviationDegrees(0.5), random.deviationDegrees(0.5), r.within5Degrees(), g.within5Degrees(),
				r.nearParallelFraction(), g.nearParallelFraction(), r.minDegrees(), r.maxDegrees(), g.minDegrees(),
				bounds.bestWorstCaseDegrees(), summary);
	}

}
