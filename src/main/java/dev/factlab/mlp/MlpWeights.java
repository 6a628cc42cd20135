package dev.factlab.mlp;

import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;

/**
 * The parameters of one MLP block.
 *
 * @param wUp [neurons, dModel]: row i is the direction neuron i reads (the question it
 * asks)
 * @param bUp [neurons]
 * @param wDown [dModel, neurons]: column i is the direction neuron i writes (stored
 * column-major, each column contiguous, for off-heap random models: the few-token pass
 * then reads only the columns of neurons that are not zero)
 * @param bDown [dModel]
 * @param activation the nonlinearity between the projections
 */
public record MlpWeights(FloatMatrix wUp, float[] bUp, FloatMatrix wDown, float[] bDown, Activation activation) {

	public MlpWeights {
		int neurons = wUp.rows();
		int dModel = wUp.cols();
		if (wDown.rows() != dModel || wDown.cols() != neurons) {
			throw new IllegalArgumentException("W_down expected [dModel=%d, neurons=%d] but was [%d, %d]"
				.formatted(dModel, neurons, wDown.rows(), wDown.cols()));
		}
		if (bUp.length != neurons) {
			throw new IllegalArgumentException(
					"b_up expected [neurons=%d] but was [%d]".formatted(neurons, bUp.length));
		}
		if (bDown.length != dModel) {
			throw new IllegalArgumentException(
					"b_down expected [dModel=%d] but was [%d]".formatted(dModel, bDown.length));
		}
		if (activation == null) {
			throw new IllegalArgumentException("activation is required");
		}
	}

	/**
	 * Frees both matrices' off-heap memory; for the owner of the model (the catalog) once
	 * no pass uses them.
	 */
	void close() {
		wUp.close();
		wDown.close();
	}

	/**
	 * The same matrices and biases (shared, not copied) under another nonlinearity.
	 * @return this when the activation is already {@code activation}
	 */
	public MlpWeights withActivation(Activation activation) {
		return activation == this.activation ? this : new MlpWeights(wUp, bUp, wDown, bDown, activation);
	}

	public int dModel() {
		return wUp.cols();
	}

	public int neurons() {
		return wUp.rows();
	}

	/** Weights and biases: {@code 2·dModel·neurons + neurons + dModel}. */
	public long parametersWithBiases() {
		return parametersWithoutBiases() + neurons() + dModel();
	}

	/** The two weight matrices only (the lesson's count): {@code 2·dModel·neurons}. */
	public long parametersWithoutBiases() {
		return 2L * dModel() * neurons();
	}

	/** float32 storage of every parameter. */
	public long bytes() {
		return parametersWithBiases() * Float.BYTES;
	}

}
