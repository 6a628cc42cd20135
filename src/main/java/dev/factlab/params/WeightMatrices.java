package dev.factlab.params;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The number of weight matrices, the way the lesson arrives at GPT-3's 27,938. The lesson
 * states the figure without its rule; this decomposition is the one that reproduces it: 1
 * embedding + 1 unembedding + per layer one query, one key and one value-down matrix per
 * head (per key/value head for keys and value-downs under GQA), one output matrix that
 * joins every head's value-up map, and the MLP's matrices (2, or 3 when gated; every
 * expert's, plus a router, in a mixture layer). GPT-3: 2 + 96 × (96 × 3 + 1 + 2) =
 * 27,938. Position embeddings, biases and norms are not counted.
 */
@Schema(description = "Number of weight matrices, as the lesson counts GPT-3's 27,938")
public record WeightMatrices(@Schema(description = "Number of weight matrices", example = "27938") long count, @Schema(
		description = "The decomposition, with this configuration's numbers",
		example = "2 (embedding, unembedding) + 96 layers × (96 query + 96 key + 96 value-down + 1 output + 2 MLP) = 27,938") String rule,
		@Schema(description = "Where the rule comes from") String note) {

	static WeightMatrices of(TransformerConfig c) {
		long perLayerAttention = c.heads() + 2L * c.kvHeads() + 1;
		int mlp = c.mlp().matrices();
		long count = addExact(2, multiplyExact(perLayerAttention, c.layers()));
		count = addExact(count, multiplyExact((long) mlp, c.denseLayers()));
		String rule = "2 (embedding, unembedding) + %d layers × (%d query + %d key + %d value-down + 1 output)"
			.formatted(c.layers(), c.heads(), c.kvHeads(), c.kvHeads());
		if (c.denseLayers() > 0) {
			rule += " + %d dense layers × %d MLP".formatted(c.denseLayers(), mlp);
		}
		if (c.expertLayers() > 0) {
			long perLayerExperts = addExact(multiplyExact((long) mlp, c.moe().experts()), 1);
			count = addExact(count, multiplyExact(perLayerExperts, c.expertLayers()));
			rule += " + %d expert layers × (%d experts × %d MLP + 1 router)".formatted(c.expertLayers(),
					c.moe().experts(), mlp);
		}
		rule += String.format(Locale.US, " = %,d", count);
		return new WeightMatrices(count, rule,
				"The lesson gives 27,938 for GPT-3 without its rule; this is the decomposition that reproduces it "
						+ "(2 + 96 × (96 × 3 + 1 + 2)). Position embeddings, biases and norms are not matrices here.");
	}

}
