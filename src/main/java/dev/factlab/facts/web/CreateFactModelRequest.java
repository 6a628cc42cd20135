package dev.factlab.facts.web;

import java.util.List;

import dev.factlab.facts.Fact;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Facts to compile into a new model, one neuron per fact")
record CreateFactModelRequest(
		@Schema(description = "Slug id of the model; generated from the space when absent",
				example = "lesson-facts") String id,
		@Schema(description = "The feature space whose names the facts use", example = "lesson") String space,
		@Schema(description = "relu (default, the lesson's) or another activation of the models API",
				example = "relu") String activation,
		@Schema(description = "What the model is, for people") String description,
		@Schema(description = "The facts: neuron i stores facts[i]. W_up row = sum of the subject's directions, "
				+ "bias = -(k - 1) for k subject names (fires 1 with every name present and at most 0 with one "
				+ "missing, when the directions are perpendicular: a margin of 1), W_down column = sum of the "
				+ "attributes' directions") List<Fact> facts) {
}
