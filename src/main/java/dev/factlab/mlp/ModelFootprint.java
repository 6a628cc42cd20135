package dev.factlab.mlp;

import java.util.List;

import dev.factlab.tensor.FloatMatrix;

/**
 * The bytes a model holds, as the memory budget charges them: both weight matrices with
 * the off-heap copies products make of heap-sized ones
 * ({@link FloatMatrix#footprintBytes}), the biases, the named directions (their matrix,
 * likewise, and their names) and the neuron labels. Strings count
 * {@value #STRING_OVERHEAD} bytes each plus two per character (an upper bound of a Java
 * string's size).
 */
final class ModelFootprint {

	static final long STRING_OVERHEAD = 48;

	private ModelFootprint() {
	}

	/**
	 * @param directionNames the named directions, in order; empty for none
	 */
	static long bytes(int dModel, int neurons, List<String> directionNames, List<String> labels) {
		long bytes = FloatMatrix.footprintBytes(neurons, dModel) + FloatMatrix.footprintBytes(dModel, neurons)
				+ (long) (neurons + dModel) * Float.BYTES;
		if (!directionNames.isEmpty()) {
			bytes += FloatMatrix.footprintBytes(directionNames.size(), dModel) + strings(directionNames);
		}
		return bytes + strings(labels);
	}

	/** {@link #bytes} of what {@code model} holds. */
	static long of(MlpModel model) {
		return bytes(model.weights().dModel(), model.weights().neurons(), model.directions().names(),
				model.neuronLabels());
	}

	private static long strings(List<String> strings) {
		long bytes = 0;
		for (String s : strings) {
			bytes += STRING_OVERHEAD + 2L * s.length();
		}
		return bytes;
	}

}
