package dev.factlab.transformers.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * @param text the text to continue
 * @param topK next tokens to list
 * @param ablate neurons to zero
 */
@Schema(description = "A text whose next token a GPT-2 predicts, optionally with MLP neurons zeroed")
record NextTokenRequest(
		@Schema(description = "The text; at most factlab.transformers.max-text-chars characters and "
				+ "factlab.transformers.max-tokens tokens", example = "Michael Jordan plays the sport of",
				requiredMode = Schema.RequiredMode.REQUIRED) String text,
		@Schema(description = "Most likely next tokens to list: 1 to factlab.transformers.max-top-k. Default 5.",
				example = "5") Integer topK,
		@Schema(description = "Neurons to zero; the answer then also gives the distribution under the ablation") List<AblationRequest> ablate) {
}
