package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Attention;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.LayerNorm;
import dev.factlab.tensor.TensorOps;

/**
 * GPT-2's forward pass over token sequences packed row after row, keeping every
 * intermediate: token + position embeddings, then per layer
 * {@code mid = x + attn(ln_1(x))} with causal multi-head attention and
 * {@code out = mid + mlp(ln_2(mid))} with the layer's own activation (GPT-2's tanh GELU),
 * then the final {@code ln_f}; the logits are {@code ln_f(x)·wteᵀ} (the unembedding is
 * tied to the token embedding). Every matrix operation goes through the tensor facade.
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
		boolean[][] zeroed = TransformerPass.zeroed(weights, ablations);
		int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
		for (int length : lengths) {
			if (length > weights.maxPositions()) {
				throw new IllegalArgumentException(
						"a sequence of %d tokens exceeds the %d positions".formatted(length, weights.maxPositions()));
			}
		}
		FloatMatrix x = TransformerPass.tokenAndPosition(weights, sequences);
		FloatMatrix embeddings = x;
		List<LayerTrace> traces = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			LayerTrace trace = layer(weights.heads(), weights.layers().get(l), x, lengths, zeroed[l]);
			traces.add(trace);
			x = trace.output();
		}
		return new TransformerPass.Result(embeddings, traces, norm(x, weights.embeddingNorm()), lengths);
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

	private static LayerTrace layer(int heads, EncoderLayer layer, FloatMatrix input, int[] lengths, boolean[] zeroed) {
		FloatMatrix attentionIn = norm(input, layer.attentionNorm());
		FloatMatrix q = TensorOps.affine(attentionIn, layer.wQ(), layer.bQ());
		FloatMatrix k = TensorOps.affine(attentionIn, layer.wK(), layer.bK());
		FloatMatrix v = TensorOps.affine(attentionIn, layer.wV(), layer.bV());
		FloatMatrix context = Attention.multiHead(q, k, v, heads, lengths, true);
		FloatMatrix attentionOut = TensorOps.affine(context, layer.wO(), layer.bO());
		FloatMatrix mid = TensorOps.add(input, attentionOut);
		FloatMatrix mlpInput = norm(mid, layer.mlpNorm());
		MlpWeights mlp = layer.mlp();
		FloatMatrix pre = TensorOps.affine(mlpInput, mlp.wUp(), mlp.bUp());
		FloatMatrix post = TensorOps.activate(pre, mlp.activation());
		if (zeroed != null) {
			post = TransformerPass.zeroColumns(post, zeroed);
		}
		FloatMatrix mlpOut = TensorOps.affine(post, mlp.wDown(), mlp.bDown());
		return new LayerTrace(input, q, k, v, context, attentionOut, mlpInput, pre, post, mlpOut,
				TensorOps.add(mid, mlpOut));
	}

	private static FloatMatrix norm(FloatMatrix x, EncoderLayer.Norm norm) {
		return LayerNorm.apply(x, norm.gamma(), norm.beta(), norm.epsilon());
	}

}
