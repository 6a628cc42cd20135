package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Total and active parameters of a mixture of experts, both under the {@code full}
 * convention.
 */
@Schema(description = "Total and active parameters of a mixture of experts (full convention)")
public record ExpertCount(@Schema(description = "Experts per MoE layer", example = "8") int experts,
		@Schema(description = "Experts each token is routed to", example = "2") int expertsPerToken,
		@Schema(description = "Layers holding experts", example = "32") int expertLayers,
		@Schema(description = "Every parameter, all experts", example = "46702792704") long total,
		@Schema(description = "Parameters one token uses: total less (experts - expertsPerToken) experts per MoE layer",
				example = "12879925248") long active,
		@Schema(description = "active / total", example = "0.2758") double activeShare) {
}
