package dev.factlab.mlp.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.factlab.mlp.NamedDirections;
import io.swagger.v3.oas.annotations.media.Schema;

/** The result of a forward pass, token by token. */
@Schema(description = "The forward pass, token by token, with the requested intermediates.")
record ForwardResponse(@Schema(description = "Model id", example = "michael-jordan") String model,
		@Schema(description = "Its activation", example = "relu") String activation,
		@Schema(description = "Model width", example = "12") int dModel,
		@Schema(description = "Neurons", example = "2") int neurons,
		@Schema(description = "The intermediates returned per token",
				example = "[\"activations\", \"residual\"]") List<String> include,
		@Schema(description = "One result per token, in request order") List<TokenResult> tokens) {

	/**
	 * One token's intermediates; only the requested ones are present.
	 *
	 * @param features the residual's dot product with each named direction, largest first
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenResult(@Schema(description = "Token index in the request", example = "0") int index,
			@Schema(description = "The named directions it was built from, or #index for a raw vector.",
					example = "first:Michael + last:Jordan") String label,
			@Schema(description = "E·W_upᵀ + b_up [neurons] (TransformerLens hook_pre).") float[] preActivations,
			@Schema(description = "act(preActivations) [neurons]: the neurons (hook_post).") float[] activations,
			@Schema(description = "activations·W_downᵀ + b_down [dModel]: what the block adds (hook_mlp_out).") float[] output,
			@Schema(description = "E + output [dModel]: what flows on (resid_post).") float[] residual,
			@Schema(description = "The residual read along each named direction (dot products), largest first; "
					+ "present when the model has named directions.") List<NamedDirections.Feature> features) {
	}

}
