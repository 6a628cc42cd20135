package dev.factlab.transformers;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;

/**
 * GPT-2's forward pass over token sequences packed row after row, keeping every
 * intermediate: token + position embeddings, then per layer
 * {@code mid = x + attn(ln_1(x))} with causal multi-head attention and
 * {@code out = mid + mlp(ln_2(mid))} with the layer's own activation (GPT-2's tanh GELU),
 * then the final {@code ln_f} — {@link TransformerPass}'s pre-norm, causal branch, after
 * checking the model is one; the logits are {@code ln_f(x)·wteᵀ} (the unembedding is tied
 * to the token embedding). Every matrix operation goes through the tensor facade.
 */
public final class DecoderPass {

	private DecoderPass() {
	}

	/**
	 * @param weights a pre-norm, causal model. Not modified.
	 * @param sequences token ids of each sequence, each within the model's positions. Not
	 * modified.
	 * @param ablations neurons to zero after the activation, possibly none. Not modified.
	 * @return embeddings [tokens, d] (token + position), one trace per layer, and the
	 * last hidden state [tokens, d] after ln_f
	 * @throws InvalidInputException for an unknown layer or neuron
	 */
	public static TransformerPass.Result run(EncoderWeights weights, List<int[]> sequences, List<Ablation> ablations) {
		if (!weights.preNorm() || !weights.causal()) {
			throw new IllegalArgumentException("DecoderPass runs pre-norm, causal models (GPT-2)");
		}
		return TransformerPass.run(weights, sequences, ablations);
	}

	/**
	 * @param weights the model. Not modified.
	 * @param hidden [tokens, d]: {@link TransformerPass.Result#hidden()}. Not modified.
	 * @param row the token whose next token to predict
	 * @return [vocabulary]: the logits {@code hidden[row]·wteᵀ}
	 */
	public static float[] logits(EncoderWeights weights, FloatMatrix hidden, int row) {
		FloatMatrix last = FloatMatrix.of(1, hidden.cols(), hidden.row(row));
		return TensorOps.affine(last, weights.tokenEmbeddings(), null).row(0);
	}

}
