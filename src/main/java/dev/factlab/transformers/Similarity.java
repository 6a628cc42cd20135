package dev.factlab.transformers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Cosine similarities of a text's sentence embedding with candidates'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Cosine similarities of mean-pooled, unit-length sentence embeddings")
public record Similarity(@Schema(description = "The model", example = "all-minilm-l6-v2") String model,
		@Schema(description = "The text", example = "Michael Jordan plays the sport of") String text,
		@Schema(description = "One entry per candidate, in request order") List<Candidate> candidates,
		@Schema(description = "When a target was named: the single-neuron ablations that moved its margin most, "
				+ "largest change first") List<NeuronEffect> marginMovers) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "A candidate's similarity")
	public record Candidate(@Schema(description = "The candidate text", example = "basketball") String text,
			@Schema(description = "Cosine with the text", example = "0.52") double cosine,
			@Schema(description = "Cosine with the text under the ablation (the ablation acts on the text only); "
					+ "absent without one", example = "0.47") Double ablatedCosine) {
	}

	@Schema(description = "The effect of zeroing one neuron on the target's margin")
	public record NeuronEffect(@Schema(description = "0-based layer", example = "4") int layer,
			@Schema(description = "0-based neuron", example = "88") int neuron,
			@Schema(description = "The neuron's mean post-GELU value over the text's tokens",
					example = "0.9") double meanActivation,
			@Schema(description = "Target's cosine minus the best other candidate's, without the ablation",
					example = "0.21") double margin,
			@Schema(description = "The margin with only this neuron zeroed minus the margin without",
					example = "-0.013") double marginChange) {
	}

}
