package dev.factlab.params.web;

import static dev.factlab.params.ConfigLimits.MAX_CONTEXT;
import static dev.factlab.params.ConfigLimits.MAX_D_FF;
import static dev.factlab.params.ConfigLimits.MAX_D_HEAD;
import static dev.factlab.params.ConfigLimits.MAX_D_MODEL;
import static dev.factlab.params.ConfigLimits.MAX_HEADS;
import static dev.factlab.params.ConfigLimits.MAX_LAYERS;
import static dev.factlab.params.ConfigLimits.MAX_VOCAB;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.params.MlpKind;
import dev.factlab.params.NormKind;
import dev.factlab.params.PositionKind;
import dev.factlab.params.TransformerConfig;

/**
 * A transformer configuration as posted. Sizes are bounded (documented per field);
 * optional fields default to GPT-2/GPT-3 choices: dHead = dModel / heads (which must then
 * be whole), kvHeads = heads, dFf = 4 · dModel, a standard MLP, biases on every linear,
 * LayerNorm, learned positions, tied embeddings.
 */
@Schema(description = "A transformer configuration; optional fields default to GPT-2/GPT-3 choices")
record ParameterRequest(
		@Schema(description = "Vocabulary size, 1 to 10,000,000", example = "50257",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_VOCAB) Integer vocab,
		@Schema(description = "Context length in tokens, 1 to 10,000,000", example = "2048",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_CONTEXT) Integer context,
		@Schema(description = "Width of the residual stream, 1 to 1,000,000", example = "12288",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_D_MODEL) Integer dModel,
		@Schema(description = "Layers, 1 to 10,000", example = "96",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_LAYERS) Integer layers,
		@Schema(description = "Query heads per layer, 1 to 100,000", example = "96",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_HEADS) Integer heads,
		@Schema(description = "Width of one head, 1 to 1,000,000; default dModel / heads, which must be whole",
				example = "128") @Min(1) @Max(MAX_D_HEAD) Integer dHead,
		@Schema(description = "Key/value heads, 1 to 100,000, dividing heads (GQA; 1 is MQA); default heads",
				example = "96") @Min(1) @Max(MAX_HEADS) Integer kvHeads,
		@Schema(description = "MLP hidden size (neurons), 1 to 10,000,000; default 4 · dModel",
				example = "49152") @Min(1) @Max(MAX_D_FF) Integer dFf,
		@Schema(description = "standard (up, down) or gated (gate, up, down, as in SwiGLU); default standard",
				example = "standard") MlpKind mlp,
		@Schema(description = "Biases on attention Q, K, V and output linears; default true",
				example = "true") Boolean attentionBias,
		@Schema(description = "Biases on MLP linears; default true", example = "true") Boolean mlpBias,
		@Schema(description = "layernorm (scale and shift) or rmsnorm (scale); two per layer and one final; default "
				+ "layernorm", example = "layernorm") NormKind norm,
		@Schema(description = "learned (context × dModel table) or none (rotary, ALiBi); default learned",
				example = "learned") PositionKind position,
		@Schema(description = "Unembedding shares the token embedding's matrix; default true",
				example = "true") Boolean tiedEmbeddings,
		@Schema(description = "Mixture of experts; omit for a dense model") @Valid MoeRequest moe) {

	/**
	 * @throws InvalidInputException when dHead is omitted and dModel / heads is not
	 * whole, or an invariant fails
	 */
	TransformerConfig toConfig() {
		int resolvedDFf = dFf == null ? 4 * dModel : dFf;
		return new TransformerConfig(vocab, context, dModel, layers, heads, dHead == null ? defaultDHead() : dHead,
				kvHeads == null ? heads : kvHeads, resolvedDFf, or(mlp, MlpKind.STANDARD), or(attentionBias, true),
				or(mlpBias, true), or(norm, NormKind.LAYERNORM), or(position, PositionKind.LEARNED),
				or(tiedEmbeddings, true), moe == null ? null : moe.toMixture(resolvedDFf));
	}

	private int defaultDHead() {
		if (dModel % heads != 0) {
			throw new InvalidInputException("Invalid attention heads",
					"dHead defaults to dModel / heads, which must be whole: dModel=%d, heads=%d leaves %d; give dHead explicitly"
						.formatted(dModel, heads, dModel % heads))
				.with("dModel", dModel)
				.with("heads", heads);
		}
		return dModel / heads;
	}

	private static <T> T or(T value, T fallback) {
		return value == null ? fallback : value;
	}

}
