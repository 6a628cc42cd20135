package dev.factlab.facts;

import io.swagger.v3.oas.annotations.media.Schema;

/** What one (D, F) cell of a capacity sweep measured. */
@Schema(description = "One (D, F) cell of a capacity sweep")
public record CapacityPoint(@Schema(description = "D", example = "64") int dimensions,
		@Schema(description = "F, facts (one neuron each)", example = "256") int facts,
		@Schema(description = "N, names in the space", example = "768") long names,
		@Schema(description = "F / D", example = "4.0") double factsPerDimension,
		@Schema(description = "Fraction of facts whose best-scoring name is their attribute",
				example = "1.0") double recallAt1,
		@Schema(description = "Fraction of facts whose names above 0.5 are exactly their attribute",
				example = "0.98") double exactRate,
		@Schema(description = "Fraction of partial subjects (the last name dropped) that fire any neuron above 0.5; "
				+ "null for one-name subjects", example = "0.0") Double partialFireRate,
		@Schema(description = "Mean of each fact's noise (its largest score of a wrong name)",
				example = "0.31") double noiseMean,
		@Schema(description = "Median noise", example = "0.30") double noiseMedian,
		@Schema(description = "99th percentile of the noise", example = "0.45") double noiseP99,
		@Schema(description = "Largest noise", example = "0.52") double noiseMax,
		@Schema(description = "Mean score of the true attribute", example = "1.0") double signalMean,
		@Schema(description = "Seconds the cell took", example = "0.4") double seconds) {
}
