package dev.factlab.mlp.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A model from explicit weights (wUp and wDown, optional biases) or from a random-init
 * spec: exactly one of the two.
 */
@Schema(description = "A new model: either explicit weights in the lesson's names (wUp, bUp, wDown, bDown) or a "
		+ "`random` init spec, not both.")
record CreateModelRequest(
		@Schema(description = "A slug id (lowercase letters, digits, single hyphens, ≤ 64 characters); generated from "
				+ "the shape when absent.", example = "two-facts") String id,
		@Schema(description = "What the model is, for people.", example = "Two AND-gate neurons") String description,
		@Schema(description = "The nonlinearity; default relu.", allowableValues = {
				"relu", "gelu", "gelu_tanh", "silu" }, example = "relu") String activation,
		@Schema(description = "W_up [neurons][dModel]: row i is the direction neuron i reads. Explicit models hold at "
				+ "most factlab.mlp.max-explicit-parameters parameters.",
				example = "[[1, 1, 0], [1, 0, 1]]") float[][] wUp,
		@Schema(description = "b_up [neurons]; default zeros.", example = "[-1, -1]") float[] bUp,
		@Schema(description = "W_down [dModel][neurons]: column i is what neuron i adds.",
				example = "[[0, 0], [0, 0], [1, 0]]") float[][] wDown,
		@Schema(description = "b_down [dModel]; default zeros.", example = "[0, 0, 0]") float[] bDown,
		@Schema(description = "Named directions of the embedding space, each [dModel], used to build tokens by name "
				+ "and to decode results (at most 1,024).",
				example = "{\"first:Michael\": [1, 0, 0], \"last:Jordan\": [0, 1, 0], \"sport:basketball\": [0, 0, 1]}") Map<String, float[]> directions,
		@Schema(description = "One label per neuron.",
				example = "[\"Michael Jordan\", \"Michael + basketball\"]") List<String> neuronLabels,
		@Schema(description = "A random initialisation instead of explicit weights.") RandomInit random){

	/** Weights from Normal(0, initScale²), seeded; biases zero. */
	@Schema(description = "Random init: weights from Normal(0, initScale²) with a seeded generator, biases zero. Up to "
			+ "GPT-3's block (dModel 12,288 × 49,152 neurons: 1.2 billion parameters, 4.8 GB) within "
			+ "factlab.mlp.model-memory-budget (for all user models together).")
	record RandomInit(
			@Schema(description = "Model width, 1 to factlab.mlp.max-d-model.", example = "64",
					requiredMode = Schema.RequiredMode.REQUIRED) Integer dModel,
			@Schema(description = "Neurons, 1 to factlab.mlp.max-neurons.", example = "256",
					requiredMode = Schema.RequiredMode.REQUIRED) Integer neurons,
			@Schema(description = "Seed: the same seed gives the same weights; default 0.", example = "42") Long seed,
			@Schema(description = "Standard deviation of the weights, in (0, 100]; default 0.02 (GPT-2's).",
					example = "0.02") Double initScale) {
	}

}
