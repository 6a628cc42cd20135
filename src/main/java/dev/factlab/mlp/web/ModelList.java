package dev.factlab.mlp.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.factlab.mlp.ModelCatalog;

/** Every model, and the memory budget of the user-created ones. */
record ModelList(@Schema(description = "Every model, built-ins first") List<ModelView> models,
		@Schema(description = "The memory budget of user-created models") Memory memory) {

	static ModelList of(List<ModelView> models, ModelCatalog.Memory memory) {
		return new ModelList(models, new Memory(memory.budgetBytes(), memory.usedBytes(), memory.models(),
				memory.maxModels(),
				new Process(memory.process().capacityBytes(), memory.process().usedBytes(), memory.process().byUse())));
	}

	@Schema(description = "Bytes held by user-created models (weights, their off-heap copies, named directions, labels) "
			+ "against factlab.mlp.model-memory-budget, their count against factlab.mlp.max-models, and the "
			+ "process's whole memory budget.")
	record Memory(
			@Schema(description = "factlab.mlp.model-memory-budget in bytes (at most the process's budget)",
					example = "5368709120") long budgetBytes,
			@Schema(description = "Bytes the user-created models hold", example = "0") long usedBytes,
			@Schema(description = "User-created models", example = "0") int models,
			@Schema(description = "factlab.mlp.max-models", example = "64") int maxModels,
			@Schema(description = "The process's one memory budget (factlab.tensor.memory-budget)") Process process) {
	}

	@Schema(description = "factlab.tensor.memory-budget: what models, forward-pass workspaces, off-heap copies and "
			+ "running jobs hold together.")
	record Process(@Schema(description = "The budget in force, in bytes", example = "6442450944") long capacityBytes,
			@Schema(description = "Bytes reserved now", example = "0") long usedBytes,
			@Schema(description = "Bytes reserved per use: models, workspaces, caches, jobs",
					example = "{\"models\": 0, \"workspaces\": 0, \"caches\": 0, \"jobs\": 0}") Map<String, Long> byUse) {
	}

}
