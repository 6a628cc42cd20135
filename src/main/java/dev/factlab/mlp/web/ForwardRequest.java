package dev.factlab.mlp.web;

import java.util.List;

import dev.factlab.mlp.TokenInput;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A forward pass over a sequence of tokens.
 *
 * @param tokens the sequence E, one token per row
 * @param include which intermediates to return per token (default: residual only)
 * @param activation the nonlinearity to use instead of the model's own, or null
 */
@Schema(description = "A sequence of tokens to pass through the block, and which intermediates to return.")
record ForwardRequest(
		@ArraySchema(arraySchema = @Schema(description = "The token vectors E. Each token is either an array of dModel "
				+ "numbers or an object mapping named directions to coefficients (models with named directions only). "
				+ "At most factlab.mlp.max-tokens-per-request tokens.", requiredMode = Schema.RequiredMode.REQUIRED),
				schema = @Schema(ref = "#/components/schemas/Token")) @JsonDeserialize(
						contentUsing = TokenDeserializer.class) List<TokenInput> tokens,
		@ArraySchema(arraySchema = @Schema(description = "Intermediates to return per token; default [\"residual\"]. "
				+ "preActivations = E·W_upᵀ + b_up; activations = act(preActivations), the neurons; output = "
				+ "activations·W_downᵀ + b_down; residual = E + output. At most factlab.mlp.max-response-values "
				+ "numbers in all.", example = "[\"activations\", \"residual\"]"), schema = @Schema(
						allowableValues = {
								"preActivations", "activations", "output", "residual" })) List<String> include,
		@Schema(description = "Run the block with this nonlinearity instead of the model's own, to see what it "
				+ "changes (e.g. the lesson's ReLU against GELU); default the model's own. The model is not modified.",
				allowableValues = { "relu", "gelu", "gelu_tanh", "silu" }, example = "gelu") String activation){
}
