package dev.factlab.transformers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the MLP neurons of every layer did for every token of a text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "MLP neurons of every layer and token of a text")
public record Trace(@Schema(description = "The model", example = "all-minilm-l6-v2") String model,
		@Schema(description = "The text's word pieces, [CLS] and [SEP] included") List<Token> tokens,
		@Schema(description = "One entry per layer") List<LayerNeurons> layers,
		@Schema(description = "The sentence embedding's change under the ablation; absent without one") EmbeddingChange embeddingChange) {

	@Schema(description = "A word piece")
	public record Token(@Schema(description = "Position", example = "1") int index,
			@Schema(description = "Vocabulary id", example = "2745") int id,
			@Schema(description = "Vocabulary entry", example = "michael") String piece) {
	}

	@Schema(description = "One layer's MLP on every token")
	public record LayerNeurons(@Schema(description = "0-based layer", example = "3") int layer,
			@Schema(description = "One entry per token") List<TokenNeurons> tokens) {
	}

	@Schema(description = "One token in one layer")
	public record TokenNeurons(@Schema(description = "Token position", example = "1") int token,
			@Schema(description = "The most active neurons (largest post-GELU value first)") List<NeuronValue> top,
			@Schema(description = "L2 norm of the MLP's output for this token", example = "2.4") double mlpOutNorm,
			@Schema(description = "L2 norm of the residual stream leaving the layer",
					example = "19.6") double residualNorm) {
	}

	@Schema(description = "A neuron's value")
	public record NeuronValue(@Schema(description = "0-based neuron", example = "1204") int neuron,
			@Schema(description = "Post-GELU activation", example = "1.73") double activation) {
	}

	@Schema(description = "How the sentence embedding moved")
	public record EmbeddingChange(
			@Schema(description = "Cosine between the embeddings with and without the ablation",
					example = "0.998") double cosine,
			@Schema(description = "L2 distance between the two unit embeddings", example = "0.06") double distance) {
	}

}
