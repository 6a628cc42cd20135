package dev.factlab.mlp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Size limits of the MLP endpoints ({@code factlab.mlp.*}); every request that exceeds
 * one gets a 413 problem naming the limit and what was asked.
 *
 * @param maxTokensPerRequest tokens in one forward or activations request
 * @param maxDModel model width
 * @param maxNeurons neurons per block
 * @param modelMemoryBudget bytes all user-created models together may hold (weights,
 * their off-heap copies, named directions, labels; built-ins don't count), the models'
 * share of factlab.tensor.memory-budget, and a pretrained transformer's layers once
 * loaded
 * @param maxExplicitParameters parameters of a model posted as explicit JSON weights
 * @param maxActivationValues tokens × neurons of one pass (bounds the memory of the
 * intermediates)
 * @param maxResponseValues numbers returned by one forward request (tokens × the widths
 * of what it includes)
 * @param maxTopK largest topK of an activations request
 * @param maxNamedDirections named directions of one model
 * @param maxModels user-created models held at once
 * @param largePassWait how long a large pass (over 1,048,576 tokens × neurons, which run
 * one at a time) waits for its turn; past it the request gets 503 with Retry-After
 * instead of holding its thread
 */
@ConfigurationProperties("factlab.mlp")
public record MlpLimits(@DefaultValue("2048") int maxTokensPerRequest, @DefaultValue("16384") int maxDModel,
		@DefaultValue("65536") int maxNeurons, @DefaultValue("5GB") DataSize modelMemoryBudget,
		@DefaultValue("1048576") long maxExplicitParameters, @DefaultValue("33554432") long maxActivationValues,
		@DefaultValue("4194304") long maxResponseValues, @DefaultValue("256") int maxTopK,
		@DefaultValue("1024") int maxNamedDirections, @DefaultValue("64") int maxModels,
		@DefaultValue("10s") Duration largePassWait) {

	public MlpLimits {
		if (maxTokensPerRequest <= 0 || maxDModel <= 0 || maxNeurons <= 0 || maxExplicitParameters <= 0
				|| maxActivationValues <= 0 || maxResponseValues <= 0 || maxTopK <= 0 || maxNamedDirections <= 0
				|| maxModels <= 0 || modelMemoryBudget.isNegative() || largePassWait.isNegative()) {
			throw new IllegalArgumentException("factlab.mlp limits must be positive: " + this);
		}
	}

}
