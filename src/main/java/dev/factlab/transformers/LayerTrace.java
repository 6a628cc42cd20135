package dev.factlab.transformers;

import dev.factlab.tensor.FloatMatrix;

/**
 * Every intermediate of one layer for all tokens of a batch (rows are the packed tokens,
 * sentence after sentence; TransformerLens names in brackets).
 *
 * @param input [tokens, d]: the residual stream entering the layer ({@code resid_pre})
 * @param query [tokens, d]
 * @param key [tokens, d]
 * @param value [tokens, d]
 * @param context [tokens, d]: the heads' weighted values side by side ({@code z})
 * @param attentionOut [tokens, d]: after the output projection ({@code attn_out})
 * @param mlpInput [tokens, d]: what the MLP reads (post-norm BERT: LN(input +
 * attentionOut); pre-norm GPT-2: LN(resid_mid))
 * @param preActivations [tokens, neurons]: {@code hook_pre}
 * @param neurons [tokens, neurons]: after GELU and any ablation ({@code hook_post})
 * @param mlpOut [tokens, d]: {@code hook_mlp_out}
 * @param output [tokens, d]: the residual stream leaving the layer ({@code resid_post})
 */
public record LayerTrace(FloatMatrix input, FloatMatrix query, FloatMatrix key, FloatMatrix value, FloatMatrix context,
		FloatMatrix attentionOut, FloatMatrix mlpInput, FloatMatrix preActivations, FloatMatrix neurons,
		FloatMatrix mlpOut, FloatMatrix output) {
}
