package dev.factlab.facts.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A fact model's facts, neuron by neuron")
record FactList(@Schema(description = "The model", example = "lesson-facts") String model,
		@Schema(description = "Its facts; item i is neuron i") List<Stored> facts) {

	@Schema(name = "StoredFact", description = "A fact and its neuron")
	record Stored(@Schema(description = "The neuron", example = "0") int neuron,
			@Schema(description = "The subject", example = "[\"first:Michael\", \"last:Jordan\"]") List<String> subject,
			@Schema(description = "The attributes", example = "[\"sport:basketball\"]") List<String> attributes,
			@Schema(description = "The neuron's bias, -(k - 1)", example = "-1") float bias) {
	}

}
