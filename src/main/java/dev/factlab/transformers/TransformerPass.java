package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.Attention;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.LaneProducts;
import dev.factlab.tensor.LayerNorm;
import dev.factlab.tensor.TensorOps;

/**
 * The forward pass of a BERT (post-norm) or GPT-2 (pre-norm, causal) transformer over a
 * batch of token sequences packed row after row, keeping every intermediate. Every matrix
 * operation goes through the tensor facade.
 */
public final class TransformerPass {

	private TransformerPass() {
	}

	/**
	 * @param embeddings [tokens, d]: the summed embeddings (after BERT's embedding norm)
	 * @param layers one trace per layer
	 * @param hidden [tokens, d]: the last hidden state (after GPT-2's final norm)
	 * @param lengths tokens of each sequence
	 */
	public record Result(FloatMatrix embeddings, List<LayerTrace> layers, FloatMatrix hidden, int[] lengths) {
	}

	/**
	 * @param weights the model. Not modified.
	 * @param sequences token ids of each sequence, each within the model's positions. Not
	 * modified.
	 * @param ablations neurons to zero, possibly none. Not modified.
	 * @throws InvalidInputException for an unknown layer or neuron
	 */
	public static Result run(EncoderWeights weights, List<int[]> sequences, List<Ablation> ablations) {
		for (int[] sequence : sequences) {
			if (sequence.length > weights.maxPositions()) {
				throw new IllegalArgumentException("a sequence of %d tokens exceeds the %d positions"
					.formatted(sequence.length, weights.maxPositions()));
			}
		}
		boolean[][] zeroed = zeroed(weights, ablations);
		int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
		FloatMatrix x = tokenAndPosition(weights, sequences);
		if (weights.typeEmbeddings() != null) {
			x = TensorOps.add(x, weights.typeEmbeddings().gatherRows(new int[x.rows()]));
		}
		if (!weights.preNorm()) {
			x = norm(x, weights.embeddingNorm());
		}
		FloatMatrix embeddings = x;
		List<LayerTrace> traces = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			LayerTrace trace = layer(weights, weights.layers().get(l), x, lengths, zeroed[l]);
			traces.add(trace);
			x = trace.output();
		}
		FloatMatrix hidden = weights.preNorm() ? norm(x, weights.embeddingNorm()) : x;
		return new Result(embeddings, traces, hidden, lengths);
	}

	private static LayerTrace layer(EncoderWeights weights, EncoderLayer layer, FloatMatrix input, int[] lengths,
			boolean[] zeroed) {
		FloatMatrix attentionIn = weights.preNorm() ? norm(input, layer.attentionNorm()) : input;
		// queries, keys and values in one parallel section
		FloatMatrix[] qkv = LaneProducts.affines(attentionIn, new FloatMatrix[] { layer.wQ(), layer.wK(), layer.wV() },
				new float[][] { layer.bQ(), layer.bK(), layer.bV() });
		FloatMatrix q = qkv[0];
		FloatMatrix k = qkv[1];
		FloatMatrix v = qkv[2];
		FloatMatrix context = Attention.multiHead(q, k, v, weights.heads(), lengths, weights.causal());
		FloatMatrix attentionOut = LaneProducts.affine(context, layer.wO(), layer.bO());
		FloatMatrix mid = weights.preNorm() ? TensorOps.add(input, attentionOut) : null;
		FloatMatrix mlpInput = weights.preNorm() ? norm(mid, layer.mlpNorm())
				: norm(input, attentionOut, layer.attentionNorm());
		MlpWeights mlp = layer.mlp();
		FloatMatrix pre;
		FloatMatrix post;
		if (mlp.activation() == Activation.GELU) {
			// the GELU of each block as soon as it is computed, in the same parallel
			// section
			LaneProducts.Activated up = LaneProducts.affineGelu(mlpInput, mlp.wUp(), mlp.bUp());
			pre = up.pre();
			post = up.post();
		}
		else {
			// GPT-2's tanh GELU, or any other activation a checkpoint names
			pre = LaneProducts.affine(mlpInput, mlp.wUp(), mlp.bUp());
			post = TensorOps.activate(pre, mlp.activation());
		}
		if (zeroed != null) {
			post = zeroColumns(post, zeroed);
		}
		FloatMatrix mlpOut = LaneProducts.affine(post, mlp.wDown(), mlp.bDown());
		FloatMatrix output = weights.preNorm() ? TensorOps.add(mid, mlpOut) : norm(mlpInput, mlpOut, layer.mlpNorm());
		return new LayerTrace(input, q, k, v, context, attentionOut, mlpInput, pre, post, mlpOut, output);
	}

	private static FloatMatrix norm(FloatMatrix x, EncoderLayer.Norm norm) {
		return LayerNorm.apply(x, norm.gamma(), norm.beta(), norm.epsilon());
	}

	/**
	 * @param sequences token ids of each sequence, packed one after another. Not
	 * modified.
	 * @return [tokens, d]: each token's embedding plus its position's (position 0 at the
	 * start of each sequence)
	 */
	static FloatMatrix tokenAndPosition(EncoderWeights weights, List<int[]> sequences) {
		int total = 0;
		for (int[] sequence : sequences) {
			total += sequence.length;
		}
		int[] ids = new int[total];
		int[] positions = new int[total];
		int at = 0;
		for (int[] sequence : sequences) {
			for (int p = 0; p < sequence.length; p++) {
				ids[at] = sequence[p];
				positions[at++] = p;
			}
		}
		return TensorOps.add(weights.tokenEmbeddings().gatherRows(ids),
				weights.positionEmbeddings().gatherRows(positions));
	}

	/** {@code LN(x + residual)} in one pass. */
	private static FloatMatrix norm(FloatMatrix x, FloatMatrix residual, EncoderLayer.Norm norm) {
		return LayerNorm.apply(x, residual, norm.gamma(), norm.beta(), norm.epsilon());
	}

	static FloatMatrix zeroColumns(FloatMatrix m, boolean[] zeroed) {
		float[] values = m.toArray();
		int cols = m.cols();
		for (int r = 0; r < m.rows(); r++) {
			for (int c = 0; c < cols; c++) {
				if (zeroed[c]) {
					values[r * cols + c] = 0f;
				}
			}
		}
		return FloatMatrix.of(m.rows(), cols, values);
	}

	/**
	 * @return per layer, which neurons to zero (null: none)
	 */
	static boolean[][] zeroed(EncoderWeights weights, List<Ablation> ablations) {
		int layers = weights.layers().size();
		int neurons = weights.neurons();
		boolean[][] zeroed = new boolean[layers][];
		for (Ablation ablation : ablations) {
			if (ablation.layer() < 0 || ablation.layer() >= layers) {
				throw new InvalidInputException("Unknown layer",
						"layer %d does not exist; the model has layers 0..%d".formatted(ablation.layer(), layers - 1));
			}
			for (int n : ablation.neurons()) {
				if (n < 0 || n >= neurons) {
					throw new InvalidInputException("Unknown neuron",
							"neuron %d does not exist in layer %d; neurons are 0..%d".formatted(n, ablation.layer(),
									neurons - 1));
				}
				if (zeroed[ablation.layer()] == null) {
					zeroed[ablation.layer()] = new boolean[neurons];
				}
				zeroed[ablation.layer()][n] = true;
			}
		}
		return zeroed;
	}

}
