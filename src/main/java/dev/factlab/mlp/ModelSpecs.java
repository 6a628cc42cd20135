package dev.factlab.mlp;

import java.util.List;
import java.util.Map;

import dev.factlab.tensor.Activation;

/**
 * What a client can ask to create: a model from explicit weights, or a random
 * initialisation.
 */
public final class ModelSpecs {

	private ModelSpecs() {
	}

	/**
	 * A small model given weight by weight, in the lesson's names.
	 *
	 * @param wUp [neurons][dModel]
	 * @param bUp [neurons], or null for zeros
	 * @param wDown [dModel][neurons]
	 * @param bDown [dModel], or null for zeros
	 * @param directions named directions of the embedding space, each [dModel], or null
	 * @param neuronLabels one per neuron, or null
	 */
	public record Explicit(String description, Activation activation, float[][] wUp, float[] bUp, float[][] wDown,
			float[] bDown, Map<String, float[]> directions, List<String> neuronLabels) {
	}

	/**
	 * Weights drawn from Normal(0, initScale²) with a seeded generator; biases zero.
	 */
	public record Random(String description, Activation activation, int dModel, int neurons, long seed,
			double initScale) {
	}

}
