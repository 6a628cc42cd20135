package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Kaplan et al. (2020), "Scaling Laws for Neural Language Models": N ≈ 12 · n_layer ·
 * d_model², the non-embedding weights of a standard transformer (d_attn = d_model, d_ff =
 * 4 · d_model, no GQA, no experts), without biases or norms.
 *
 * @param approximation 12 · layers · dModel², literally, whatever the configuration
 * @param exactNonEmbedding the {@code full} count less the token embedding, learned
 * positions and an untied unembedding: every attention, MLP and norm tensor as
 * configured, biases included
 */
@Schema(description = "Kaplan et al. (2020) non-embedding count")
public record KaplanCount(
		@Schema(description = "12 · layers · dModel², literally (assumes a standard MLP with dFf = 4 · dModel, "
				+ "heads × dHead = dModel, no GQA, no experts; no biases or norms)",
				example = "173946175488") long approximation,
		@Schema(description = "Exact non-embedding count: the full count less the token embedding, learned positions and an "
				+ "untied unembedding (attention, MLP and norm tensors, biases included)",
				example = "173961535488") long exactNonEmbedding) {
}
