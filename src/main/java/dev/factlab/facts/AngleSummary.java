package dev.factlab.facts;

import java.util.List;

import dev.factlab.angles.AngleStatistics;
import io.swagger.v3.oas.annotations.media.Schema;

/** The angles module's statistics of a space, as the facts API shows them. */
@Schema(description = "Pairwise angles of the measured directions (the angles module's statistics)")
public record AngleSummary(@Schema(description = "Pairs measured, N(N-1)/2", example = "4950") long pairs,
		@Schema(description = "The smallest angle, degrees", example = "64.2") double minDegrees,
		@Schema(description = "The largest angle, degrees", example = "115.3") double maxDegrees,
		@Schema(description = "Mean angle, degrees", example = "90.0") double meanDegrees,
		@Schema(description = "Population standard deviation of the angles, degrees",
				example = "7.2") double stdDegrees,
		@Schema(description = "Angles below which 0.01%, 1%, 50%, 99% and 99.99% of the pairs lie") List<Level> quantiles,
		@Schema(description = "Fraction of pairs in [89, 91) degrees", example = "0.11") double within1Degree,
		@Schema(description = "Fraction of pairs in [85, 95) degrees", example = "0.52") double within5Degrees,
		@Schema(description = "Pairs below 10 or at or above 170 degrees", example = "0") long nearParallelPairs,
		@Schema(description = "Pairs per 1-degree bin over 0-180 degrees") long[] histogram) {

	/** One quantile. */
	@Schema(name = "AngleQuantile", description = "An angle quantile")
	public record Level(@Schema(description = "Fraction of pairs", example = "0.5") double level,
			@Schema(description = "The angle below which that fraction lies", example = "90.0") double degrees) {
	}

	static AngleSummary of(AngleStatistics s) {
		return new AngleSummary(s.pairs(), s.minDegrees(), s.maxDegrees(), s.meanDegrees(), s.stdDegrees(),
				s.quantiles().stream().map(q -> new Level(q.level(), q.degrees())).toList(), s.within1Degree(),
				s.within5Degrees(), s.nearParallelPairs(), s.histogram().counts().clone());
	}

}
