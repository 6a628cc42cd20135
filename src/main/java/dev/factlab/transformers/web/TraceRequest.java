package dev.factlab.transformers.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * @param text the text to trace
 * @param topK neurons to list per layer and token
 * @param ablate neurons to zero
 */
@Schema(description = "A text to trace through the transformer, optionally with MLP neurons zeroed")
record TraceRequest(
		@Schema(description = "The text; at most factlab.transformers.max-text-chars characters and "
				+ "factlab.transformers.max-tokens word pieces", example = "Michael Jordan plays the sport of",
				requiredMode = Schema.RequiredMode.REQUIRED) String text,
		@Schema(description = "Most active neurons to list per layer and token: 1 to factlab.transformers.max-top-k. "
				+ "Default 5.", example = "5") Integer topK,
		@Schema(description = "Neurons to zero; the answer then also says how the sentence embedding moved") List<AblationRequest> ablate) {
}
