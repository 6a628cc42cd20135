package dev.factlab.transformers;

import java.util.List;

import dev.factlab.params.TransformerConfig;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a transformer is: its configuration and parameter count.
 */
@Schema(description = "A pretrained transformer: configuration and parameter count")
public record TransformerInfo(@Schema(description = "Id used in the URL", example = "all-minilm-l6-v2") String id,
		@Schema(description = "What the model is") String description,
		@Schema(description = "bert (post-norm encoder) or gpt2 (pre-norm, causal)",
				example = "bert") String architecture,
		@Schema(description = "Layers", example = "6") int layers,
		@Schema(description = "Width of the residual stream", example = "384") int dModel,
		@Schema(description = "Attention heads per layer", example = "12") int heads,
		@Schema(description = "MLP neurons per layer", example = "1536") int neurons,
		@Schema(description = "Vocabulary size", example = "30522") int vocabulary,
		@Schema(description = "Positions, the longest input in tokens", example = "512") int maxPositions,
		@Schema(description = "Every weight and bias, counted from the loaded tensors",
				example = "22565376") long parameters,
		@Schema(description = "The same model's count by the parameter-accounting module") Accounting accounting,
		@Schema(description = "float32 bytes of the weights, charged to the model memory budget",
				example = "90261504") long bytes,
		@Schema(description = "Ids under /api/v1/models of each layer's MLP (read-only; there once loaded)") List<String> mlpModels,
		@Schema(description = "Whether the weights are in memory. The list describes a GPT-2 checkpoint not yet used "
				+ "from its config.json alone (the loader then checks every tensor's shape against it).",
				example = "true") boolean loaded) {

	/**
	 * The parameter-accounting module's count of the same shape.
	 */
	@Schema(description = "The parameter-accounting module's count of the same shape")
	public record Accounting(@Schema(description = "The shape as /api/v1/params counts it") TransformerConfig config,
			@Schema(description = "Its full count (every trained tensor as configured)",
					example = "22564608") long full,
			@Schema(description = "Tensors that module's decoder-only shape has no slot for (BERT's token-type "
					+ "embeddings)", example = "768") long outsideTheShape,
			@Schema(description = "full + outsideTheShape; equals parameters", example = "22565376") long total) {
	}

}
