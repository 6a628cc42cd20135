package dev.factlab.params;

import static java.lang.Math.multiplyExact;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Every number of the lesson's GPT-3 walkthrough, for any configuration, under the
 * {@code matrices} convention. For a mixture of experts, "one MLP" is one expert when no
 * dense MLP is left, and allMlps includes every expert and router.
 */
@Schema(description = "The lesson's walkthrough numbers (matrices convention)")
public record LessonNumbers(@Schema(description = "Width of the residual stream", example = "12288") long dModel,
		@Schema(description = "Neurons in one MLP (its hidden size)", example = "49152") long neurons,
		@Schema(description = "Parameters in one MLP matrix, neurons × dModel",
				example = "603979776") long perMlpMatrix,
		@Schema(description = "Matrices in one MLP: 2 (up, down) or 3 (gate, up, down)",
				example = "2") int matricesPerMlp,
		@Schema(description = "Parameters in one MLP", example = "1207959552") long perMlp,
		@Schema(description = "Parameters in all MLPs", example = "115964116992") long allMlps,
		@Schema(description = "allMlps / total", example = "0.662") double mlpShare,
		@Schema(description = "Token embedding, dModel × vocab", example = "617558016") long embedding,
		@Schema(description = "Query matrices, all heads and layers", example = "14495514624") long query,
		@Schema(description = "Key matrices, all heads and layers", example = "14495514624") long key,
		@Schema(description = "Value-down matrices, all heads and layers", example = "14495514624") long valueDown,
		@Schema(description = "Value-up (output) matrices, all heads and layers", example = "14495514624") long valueUp,
		@Schema(description = "Attention weights in one layer", example = "603979776") long attentionPerLayer,
		@Schema(description = "Attention weights in all layers", example = "57982058496") long attention,
		@Schema(description = "Unembedding, vocab × dModel, counted apart even when tied",
				example = "617558016") long unembedding,
		@Schema(description = "Total under the matrices convention", example = "175181291520") long total,
		@Schema(description = "Weight matrices", example = "27938") long weightMatrices) {

	static LessonNumbers of(TransformerConfig c, long allMlps, long total, long weightMatrices) {
		long d = c.dModel();
		long neurons = c.denseLayers() > 0 ? c.dFf() : c.moe().dFf();
		long perMatrix = multiplyExact(neurons, d);
		long query = multiplyExact(multiplyExact(c.attentionWidth(), d), c.layers());
		long key = multiplyExact(multiplyExact(c.kvWidth(), d), c.layers());
		long attention = Math.addExact(Math.addExact(query, query), Math.addExact(key, key));
		long embedding = multiplyExact((long) c.vocab(), d);
		return new LessonNumbers(d, neurons, perMatrix, c.mlp().matrices(),
				multiplyExact(perMatrix, c.mlp().matrices()), allMlps, total > 0 ? (double) allMlps / total : 0,
				embedding, query, key, key, query, attention / c.layers(), attention, embedding, total, weightMatrices);
	}

}
