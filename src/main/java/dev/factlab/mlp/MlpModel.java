package dev.factlab.mlp;

import java.time.Instant;
import java.util.List;

/**
 * A stored MLP block with what is known about it.
 *
 * @param id readable slug, unique
 * @param description what the model is, for people
 * @param builtIn true for models that ship with the service (they can't be deleted)
 * @param weights the block's parameters
 * @param directions named directions of its embedding space, possibly none
 * @param neuronLabels one label per neuron ("Michael Jordan"), or empty
 * @param createdAt when it was stored
 */
public record MlpModel(String id, String description, boolean builtIn, MlpWeights weights, NamedDirections directions,
		List<String> neuronLabels, Instant createdAt) {

	public MlpModel {
		neuronLabels = List.copyOf(neuronLabels);
		if (!neuronLabels.isEmpty() && neuronLabels.size() != weights.neurons()) {
			throw new IllegalArgumentException(
					"expected one label per neuron (%d) but got %d".formatted(weights.neurons(), neuronLabels.size()));
		}
		if (directions.vectors() != null && directions.vectors().cols() != weights.dModel()) {
			throw new IllegalArgumentException("directions expected [count, dModel=%d] but were [%d, %d]"
				.formatted(weights.dModel(), directions.vectors().rows(), directions.vectors().cols()));
		}
	}

	/** A model before it has an id: what a factory builds. */
	public record Draft(String description, MlpWeights weights, NamedDirections directions, List<String> neuronLabels) {

		public MlpModel toModel(String id, Instant createdAt) {
			return new MlpModel(id, description, false, weights, directions, neuronLabels, createdAt);
		}

	}

	/**
	 * @return the label of {@code neuron}, or null
	 */
	public String neuronLabel(int neuron) {
		return neuronLabels.isEmpty() ? null : neuronLabels.get(neuron);
	}

}
