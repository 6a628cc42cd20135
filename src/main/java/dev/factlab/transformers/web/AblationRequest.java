package dev.factlab.transformers.web;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.transformers.Ablation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * @param layer 0-based layer
 * @param neurons neurons of that layer to zero
 */
@Schema(description = "MLP neurons of one layer to zero after GELU, for every token")
record AblationRequest(
		@Schema(description = "0-based layer", example = "4",
				requiredMode = Schema.RequiredMode.REQUIRED) Integer layer,
		@Schema(description = "0-based neurons of that layer", example = "[88, 1204]",
				requiredMode = Schema.RequiredMode.REQUIRED) List<Integer> neurons) {

	static List<Ablation> toAblations(List<AblationRequest> requests) {
		if (requests == null) {
			return List.of();
		}
		return requests.stream().map(AblationRequest::toAblation).toList();
	}

	private Ablation toAblation() {
		if (layer == null || neurons == null || neurons.stream().anyMatch(n -> n == null)) {
			throw new InvalidInputException("Invalid ablation",
					"each ablation needs a layer and a list of neurons, e.g. {\"layer\": 4, \"neurons\": [88]}");
		}
		return new Ablation(layer, neurons.stream().mapToInt(Integer::intValue).toArray());
	}

}
