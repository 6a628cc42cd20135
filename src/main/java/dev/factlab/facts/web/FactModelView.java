package dev.factlab.facts.web;

import dev.factlab.facts.FactSet;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A fact model: an ordinary model whose neurons are facts")
record FactModelView(@Schema(description = "The model's id", example = "lesson-facts") String id,
		@Schema(description = "Its feature space", example = "lesson") String space,
		@Schema(description = "Facts, one neuron each", example = "2") int facts,
		@Schema(description = "D", example = "12") int dModel,
		@Schema(description = "The activation", example = "relu") String activation,
		@Schema(description = "What it is") String description,
		@Schema(description = "Related resources") Links links) {

	@Schema(name = "FactModelLinks", description = "Related resources")
	record Links(
			@Schema(description = "The model (forward, activations and neurons work on it)",
					example = "/api/v1/models/lesson-facts") String model,
			@Schema(description = "Its facts", example = "/api/v1/models/lesson-facts/facts") String facts,
			@Schema(description = "Recall", example = "/api/v1/models/lesson-facts/query") String query) {
	}

	static FactModelView of(FactSet set) {
		String model = "/api/v1/models/" + set.id();
		return new FactModelView(set.id(), set.space().id(), set.facts().size(), set.space().dimensions(),
				set.activation().wireName(), set.model().description(),
				new Links(model, model + "/facts", model + "/query"));
	}

}
