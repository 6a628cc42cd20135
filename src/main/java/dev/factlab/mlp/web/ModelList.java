package dev.factlab.mlp.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every model, and the memory budget of the user-created ones. */
record ModelList(@Schema(description = "Every model, built-ins first") List<ModelView> models,
		@Schema(description = "The memory budget of user-created models") Memory memory) {

	@Schema(description = "float32 bytes of user-created models against factlab.mlp.model-memory-budget.")
	record Memory(
			@Schema(description = "factlab.mlp.model-memory-budget in bytes", example = "5368709120") long budgetBytes,
			@Schema(description = "float32 bytes of the user-created models", example = "0") long usedBytes) {
	}

}
