package dev.factlab.transformers;

import java.util.List;

import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.FloatMatrix;

/**
 * One transformer layer's parameters. Projections are stored as the affine map expects
 * them, {@code [out, in]} (y = x·Wᵀ + b).
 *
 * @param wQ [d, d]
 * @param bQ [d]
 * @param wK [d, d]
 * @param bK [d]
 * @param wV [d, d]
 * @param bV [d]
 * @param wO [d, d]: the attention output projection
 * @param bO [d]
 * @param attentionNorm the LayerNorm next to the attention (after it in BERT, before it
 * in GPT-2)
 * @param mlp the MLP block: W_up [neurons, d], W_down [d, neurons], GELU
 * @param mlpNorm the LayerNorm next to the MLP
 */
public record EncoderLayer(FloatMatrix wQ, float[] bQ, FloatMatrix wK, float[] bK, FloatMatrix wV, float[] bV,
		FloatMatrix wO, float[] bO, Norm attentionNorm, MlpWeights mlp, Norm mlpNorm) {

	/**
	 * LayerNorm's parameters.
	 *
	 * @param gamma [d]
	 * @param beta [d]
	 * @param epsilon added to the variance
	 */
	public record Norm(float[] gamma, float[] beta, double epsilon) {

		public Norm {
			if (gamma.length != beta.length) {
				throw new IllegalArgumentException(
						"LayerNorm gamma [%d] and beta [%d] differ".formatted(gamma.length, beta.length));
			}
		}

		long parameters() {
			return 2L * gamma.length;
		}

	}

	/** The layer's six weight matrices: Q, K, V, O, then the MLP's W_up and W_down. */
	public List<FloatMatrix> matrices() {
		return List.of(wQ, wK, wV, wO, mlp.wUp(), mlp.wDown());
	}

	public EncoderLayer {
		int d = wQ.cols();
		for (FloatMatrix w : new FloatMatrix[] { wQ, wK, wV, wO }) {
			if (w.rows() != d || w.cols() != d) {
				throw new IllegalArgumentException("attention projections expected [%d, %d] but one was [%d, %d]"
					.formatted(d, d, w.rows(), w.cols()));
			}
		}
		if (mlp.dModel() != d) {
			throw new IllegalArgumentException(
					"MLP width %d differs from attention width %d".formatted(mlp.dModel(), d));
		}
	}

	/** Weights and biases of the layer. */
	public long parameters() {
		long d = wQ.cols();
		return 4 * (d * d + d) + attentionNorm.parameters() + mlp.parametersWithBiases() + mlpNorm.parameters();
	}

}
