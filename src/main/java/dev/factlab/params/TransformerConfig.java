package dev.factlab.params;

import static dev.factlab.params.ConfigLimits.MAX_CONTEXT;
import static dev.factlab.params.ConfigLimits.MAX_D_FF;
import static dev.factlab.params.ConfigLimits.MAX_D_HEAD;
import static dev.factlab.params.ConfigLimits.MAX_D_MODEL;
import static dev.factlab.params.ConfigLimits.MAX_HEADS;
import static dev.factlab.params.ConfigLimits.MAX_LAYERS;
import static dev.factlab.params.ConfigLimits.MAX_VOCAB;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.factlab.errors.InvalidInputException;

/**
 * A decoder-only transformer's shape with every default resolved. Each layer has two
 * norms (before attention and before the MLP) and the stack ends in one final norm.
 * Attention projects d_model to heads × dHead for queries and to kvHeads × dHead for keys
 * and values (GQA when kvHeads &lt; heads, MQA when 1), and the output projects heads ×
 * dHead back to d_model; heads × dHead may differ from d_model (a warning says so).
 *
 * @param moe null for a dense model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A transformer configuration, every default resolved")
public record TransformerConfig(@Schema(description = "Vocabulary size", example = "50257") int vocab,
		@Schema(description = "Context length in tokens", example = "2048") int context,
		@Schema(description = "Width of the residual stream", example = "12288") int dModel,
		@Schema(description = "Transformer layers (blocks)", example = "96") int layers,
		@Schema(description = "Query heads per layer", example = "96") int heads,
		@Schema(description = "Width of one head", example = "128") int dHead,
		@Schema(description = "Key/value heads per layer (heads: MHA, fewer: GQA, 1: MQA)", example = "96") int kvHeads,
		@Schema(description = "MLP hidden size, the number of neurons", example = "49152") int dFf,
		@Schema(description = "MLP kind", example = "standard") MlpKind mlp,
		@Schema(description = "Biases on the attention's Q, K, V and output linears",
				example = "true") boolean attentionBias,
		@Schema(description = "Biases on the MLP's linears", example = "true") boolean mlpBias,
		@Schema(description = "Norm kind", example = "layernorm") NormKind norm,
		@Schema(description = "Position embedding", example = "learned") PositionKind position,
		@Schema(description = "Unembedding shares the token embedding's matrix",
				example = "true") boolean tiedEmbeddings,
		@Schema(description = "Mixture of experts; absent for a dense model") MixtureOfExperts moe) {

	public TransformerConfig {
		ConfigLimits.requireSize("vocab", vocab, MAX_VOCAB);
		ConfigLimits.requireSize("context", context, MAX_CONTEXT);
		ConfigLimits.requireSize("dModel", dModel, MAX_D_MODEL);
		ConfigLimits.requireSize("layers", layers, MAX_LAYERS);
		ConfigLimits.requireSize("heads", heads, MAX_HEADS);
		ConfigLimits.requireSize("dHead", dHead, MAX_D_HEAD);
		ConfigLimits.requireSize("kvHeads", kvHeads, MAX_HEADS);
		ConfigLimits.requireSize("dFf", dFf, MAX_D_FF);
		ConfigLimits.requireChoice("mlp", mlp);
		ConfigLimits.requireChoice("norm", norm);
		ConfigLimits.requireChoice("position", position);
		if (heads % kvHeads != 0) {
			throw new InvalidInputException("Invalid attention heads",
					"kvHeads must divide heads: heads=%d, kvHeads=%d".formatted(heads, kvHeads))
				.with("heads", heads)
				.with("kvHeads", kvHeads);
		}
		if (moe != null && moe.firstDenseLayers() >= layers) {
			throw new InvalidInputException("Invalid mixture of experts",
					"moe.firstDenseLayers must be below layers so that some layer holds experts: layers=%d, firstDenseLayers=%d"
						.formatted(layers, moe.firstDenseLayers()))
				.with("layers", layers)
				.with("firstDenseLayers", moe.firstDenseLayers());
		}
	}

	/** heads × dHead: the width queries and the output projection work in. */
	public long attentionWidth() {
		return (long) heads * dHead;
	}

	/** kvHeads × dHead: the width of keys and values. */
	public long kvWidth() {
		return (long) kvHeads * dHead;
	}

	/** Layers whose MLP is a mixture of experts (0 for a dense model). */
	public int expertLayers() {
		return moe == null ? 0 : moe.expertLayers(layers);
	}

	/** Layers with one dense MLP. */
	public int denseLayers() {
		return layers - expertLayers();
	}

}
