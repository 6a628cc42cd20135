package dev.factlab.transformers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A GPT-2's most likely next tokens after a text, and with an ablation how they moved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The most likely next tokens after a text (softmax of the last token's logits)")
public record NextTokens(@Schema(description = "The model", example = "gpt2") String model,
		@Schema(description = "The text's tokens (GPT-2 byte-level BPE, nothing added)") List<Trace.Token> tokens,
		@Schema(description = "The top-k next tokens, most likely first") List<Prediction> predictions,
		@Schema(description = "With an ablation: the same under it; absent without one") AblationEffect ablation) {

	@Schema(description = "A candidate next token")
	public record Prediction(@Schema(description = "Vocabulary id", example = "9669") int id,
			@Schema(description = "The token's text", example = " basketball") String piece,
			@Schema(description = "Its probability", example = "0.31") double probability,
			@Schema(description = "Its logit (the last hidden state · its embedding)",
					example = "-71.2") double logit) {
	}

	@Schema(description = "How an ablation moved the next-token distribution")
	public record AblationEffect(@Schema(
			description = "The top-k next tokens under the ablation, most likely first") List<Prediction> predictions,
			@Schema(description = "The unablated top-k tokens' probabilities with and without the ablation") List<Change> changes,
			@Schema(description = "KL(unablated ‖ ablated) of the whole next-token distribution, in nats",
					example = "0.004") double klDivergence) {
	}

	@Schema(description = "One token's probability with and without the ablation")
	public record Change(@Schema(description = "Vocabulary id", example = "9669") int id,
			@Schema(description = "The token's text", example = " basketball") String piece,
			@Schema(description = "Without the ablation", example = "0.31") double probability,
			@Schema(description = "With the ablation", example = "0.12") double ablatedProbability) {
	}

}
