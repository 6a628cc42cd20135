package dev.factlab.transformers.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * @param text the probe
 * @param candidates texts to compare it with
 * @param ablate neurons to zero in the probe's pass
 * @param target a candidate whose margin to explain
 */
@Schema(description = "A text and candidates to compare it with, optionally with an ablation and a target")
record SimilarityRequest(
		@Schema(description = "The probe text", example = "Michael Jordan plays the sport of",
				requiredMode = Schema.RequiredMode.REQUIRED) String text,
		@Schema(description = "Candidate texts, 1 to factlab.transformers.max-candidates",
				example = "[\"basketball\", \"tennis\", \"swimming\", \"football\", \"golf\"]",
				requiredMode = Schema.RequiredMode.REQUIRED) List<String> candidates,
		@Schema(description = "Neurons to zero in the probe's pass (candidates are embedded unablated)") List<AblationRequest> ablate,
		@Schema(description = "One of the candidates: also find the single neurons whose ablation moves its margin "
				+ "(its cosine minus the best other's) most", example = "basketball") String target) {
}
