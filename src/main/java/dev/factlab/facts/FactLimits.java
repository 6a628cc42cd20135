package dev.factlab.facts;

import dev.factlab.errors.LimitExceededException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size limits of feature spaces, fact models and capacity jobs ({@code factlab.facts.*});
 * every request over one gets a 413 problem naming the limit. The memory they hold is
 * charged to {@code factlab.mlp.model-memory-budget} as well.
 *
 * @param maxDirections named directions of one feature space
 * @param maxDimensions D of a feature space
 * @param maxSpaces feature spaces held at once
 * @param maxFacts facts of one fact model (one neuron each)
 * @param maxSubjectNames names in one subject (the arity of the AND gate)
 * @param maxAttributes attributes of one fact
 * @param maxQueryBatch subjects in one query request
 * @param maxQueryValues batch × (neurons + directions) of one query: the size of its
 * activations and decoded scores
 * @param maxInterferenceDirections directions whose pairwise angles a feature space's
 * interference statistics measure (the first ones; all of them when there are fewer)
 * @param maxCapacityFacts largest fact count of a capacity job
 * @param maxCapacityCells dimensions × fact counts of one capacity job
 */
@ConfigurationProperties("factlab.facts")
public record FactLimits(@DefaultValue("100000") int maxDirections, @DefaultValue("1024") int maxDimensions,
		@DefaultValue("32") int maxSpaces, @DefaultValue("100000") int maxFacts, @DefaultValue("8") int maxSubjectNames,
		@DefaultValue("16") int maxAttributes, @DefaultValue("1024") int maxQueryBatch,
		@DefaultValue("33554432") long maxQueryValues, @DefaultValue("4000") int maxInterferenceDirections,
		@DefaultValue("20000") int maxCapacityFacts, @DefaultValue("64") int maxCapacityCells) {

	public FactLimits {
		if (maxDirections < 1 || maxDimensions < 1 || maxSpaces < 1 || maxFacts < 1 || maxSubjectNames < 1
				|| maxAttributes < 1 || maxQueryBatch < 1 || maxQueryValues < 1 || maxInterferenceDirections < 2
				|| maxCapacityFacts < 1 || maxCapacityCells < 1) {
			throw new IllegalArgumentException("factlab.facts limits must be positive: " + this);
		}
	}

	static void check(String what, long limit, long requested, String unit) {
		if (requested > limit) {
			throw new LimitExceededException(what, limit, requested, unit);
		}
	}

}
