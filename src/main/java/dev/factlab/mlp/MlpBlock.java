package dev.factlab.mlp;

import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;
import dev.factlab.tensor.Workspace;

/**
 * The MLP block's forward pass over a whole token sequence at once: one product per
 * projection for all tokens, never a loop of per-token calls. Tokens don't interact
 * inside the block; row t of every result depends on row t of the input only.
 */
public final class MlpBlock {

	private MlpBlock() {
	}

	/**
	 * Every intermediate of one pass (TransformerLens names in brackets).
	 *
	 * @param preActivations [tokens, neurons]: {@code E·W_upᵀ + b_up} ({@code hook_pre})
	 * @param activations [tokens, neurons]: the neurons, {@code act(pre)}
	 * ({@code hook_post})
	 * @param output [tokens, dModel]: {@code h·W_downᵀ + b_down} ({@code hook_mlp_out})
	 * @param residual [tokens, dModel]: {@code E + output}, what flows on
	 * ({@code resid_post})
	 */
	public record Forward(FloatMatrix preActivations, FloatMatrix activations, FloatMatrix output,
			FloatMatrix residual) {
	}

	/**
	 * @param weights the block. Not modified.
	 * @param tokens E, [tokens, dModel]. Not modified.
	 */
	public static Forward forward(MlpWeights weights, FloatMatrix tokens) {
		return forward(weights, tokens, null);
	}

	/**
	 * @param workspace where large intermediates go instead of fresh arrays (they are
	 * valid until its next use), or null. Modified.
	 */
	public static Forward forward(MlpWeights weights, FloatMatrix tokens, Workspace workspace) {
		checkTokens(weights, tokens);
		FloatMatrix pre = TensorOps.affine(tokens, weights.wUp(), weights.bUp(), workspace, "pre");
		FloatMatrix post = TensorOps.activate(pre, weights.activation(), workspace, "post");
		FloatMatrix out = TensorOps.affine(post, weights.wDown(), weights.bDown(), workspace, "out");
		return new Forward(pre, post, out, TensorOps.add(tokens, out, workspace, "residual"));
	}

	/**
	 * The first half of the pass only: the neurons {@code act(E·W_upᵀ + b_up)}.
	 * @param tokens E, [tokens, dModel]. Not modified.
	 * @return [tokens, neurons]
	 */
	public static FloatMatrix neurons(MlpWeights weights, FloatMatrix tokens) {
		return neurons(weights, tokens, null);
	}

	/**
	 * @param workspace as in {@link #forward(MlpWeights, FloatMatrix, Workspace)}.
	 * Modified.
	 */
	public static FloatMatrix neurons(MlpWeights weights, FloatMatrix tokens, Workspace workspace) {
		checkTokens(weights, tokens);
		return TensorOps.activate(TensorOps.affine(tokens, weights.wUp(), weights.bUp(), workspace, "pre"),
				weights.activation(), workspace, "post");
	}

	private static void checkTokens(MlpWeights weights, FloatMatrix tokens) {
		if (tokens.cols() != weights.dModel()) {
			throw new IllegalArgumentException("tokens expected [n, dModel=%d] but were [%d, %d]"
				.formatted(weights.dModel(), tokens.rows(), tokens.cols()));
		}
	}

}
