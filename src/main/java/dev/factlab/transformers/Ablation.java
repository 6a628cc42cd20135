package dev.factlab.transformers;

import java.util.Arrays;

/**
 * MLP neurons of one layer to zero after the activation, for every token.
 *
 * @param layer 0-based layer
 * @param neurons 0-based neuron indices in that layer
 */
public record Ablation(int layer, int[] neurons) {

	public Ablation {
		neurons = neurons == null ? new int[0] : neurons.clone();
	}

	@Override
	public String toString() {
		return "Ablation[layer=" + layer + ", neurons=" + Arrays.toString(neurons) + "]";
	}

}
