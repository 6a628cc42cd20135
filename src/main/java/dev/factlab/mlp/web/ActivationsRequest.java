package dev.factlab.mlp.web;

import java.util.List;

import dev.factlab.mlp.TokenInput;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Which neurons fire for which tokens.
 *
 * @param tokens as in a forward pass
 * @param topK strongest neurons to list per token
 * @param neuron a neuron to trace across the tokens
 */
@Schema(description = "Tokens whose neuron activity to report, and optionally one neuron to trace across them.")
record ActivationsRequest(
		@ArraySchema(
				arraySchema = @Schema(description = "The token vectors, as in a forward pass.",
						requiredMode = Schema.RequiredMode.REQUIRED),
				schema = @Schema(ref = "#/components/schemas/Token")) @JsonDeserialize(
						contentUsing = TokenDeserializer.class) List<TokenInput> tokens,
		@Schema(description = "Strongest neurons to list per token: 1 to min(neurons, factlab.mlp.max-top-k = 256). "
				+ "Default min(5, neurons).", example = "2") Integer topK,
		@Schema(description = "A neuron index (0 to neurons − 1) to trace across the tokens, Neuronpedia style.",
				example = "0") Integer neuron) {
}
