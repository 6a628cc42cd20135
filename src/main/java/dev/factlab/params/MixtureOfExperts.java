package dev.factlab.params;

import static dev.factlab.params.ConfigLimits.MAX_D_FF;
import static dev.factlab.params.ConfigLimits.MAX_EXPERTS;
import static dev.factlab.params.ConfigLimits.MAX_LAYERS;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.factlab.errors.InvalidInputException;

/**
 * A sparse mixture of experts replacing the dense MLP in some layers. Layer {@code i}
 * (0-based) holds experts when {@code i >= firstDenseLayers} and
 * {@code (i - firstDenseLayers) % interval == 0}: interval 1 is every layer (Mixtral), 2
 * every other layer (GShard, Switch), firstDenseLayers keeps the first layers dense
 * (DeepSeek). Each expert is a whole MLP of the configured kind with hidden size
 * {@code dFf}; each expert layer adds a router, a bias-free experts × d_model matrix.
 */
@Schema(description = "Mixture of experts, every default resolved")
public record MixtureOfExperts(@Schema(description = "Experts per MoE layer (1 to 4,096)", example = "8") int experts,
		@Schema(description = "Experts each token is routed to (1 to experts)", example = "2") int expertsPerToken,
		@Schema(description = "Leading layers that keep a dense MLP (0 to layers - 1)",
				example = "0") int firstDenseLayers,
		@Schema(description = "Every interval-th layer after the dense ones holds experts (1 to 10,000)",
				example = "1") int interval,
		@Schema(description = "Hidden size of one expert (1 to 10,000,000)", example = "14336") int dFf) {

	public MixtureOfExperts {
		ConfigLimits.requireSize("moe.experts", experts, MAX_EXPERTS);
		ConfigLimits.requireSize("moe.expertsPerToken", expertsPerToken, MAX_EXPERTS);
		if (expertsPerToken > experts) {
			throw new InvalidInputException("Invalid mixture of experts",
					"expertsPerToken must not exceed experts: experts=%d, expertsPerToken=%d".formatted(experts,
							expertsPerToken))
				.with("experts", experts)
				.with("expertsPerToken", expertsPerToken);
		}
		ConfigLimits.requireBetween("moe.firstDenseLayers", firstDenseLayers, 0, MAX_LAYERS - 1);
		ConfigLimits.requireSize("moe.interval", interval, MAX_LAYERS);
		ConfigLimits.requireSize("moe.dFf", dFf, MAX_D_FF);
	}

	/** Number of the model's {@code layers} that hold experts. */
	public int expertLayers(int layers) {
		if (firstDenseLayers >= layers) {
			return 0;
		}
		return (layers - firstDenseLayers + interval - 1) / interval;
	}

}
