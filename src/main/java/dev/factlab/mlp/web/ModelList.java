package dev.factlab.mlp.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every model, and the memory budget of the user-created ones. */
record ModelList(List<ModelView> models, Memory memory) {

	@Schema(description = "float32 bytes of user-created models against factlab.mlp.model-memory-budget.")
	record Memory(@Schema(example = "5368709120") long budgetBytes, @Schema(example = "0") long usedBytes) {
	}

}
