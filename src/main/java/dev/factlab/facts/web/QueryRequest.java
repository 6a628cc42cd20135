package dev.factlab.facts.web;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "One subject or a batch")
record QueryRequest(
		@Schema(description = "One subject: names present together",
				example = "[\"first:Michael\", \"last:Jordan\"]") List<String> subject,
		@Schema(description = "A batch of subjects, up to factlab.facts.max-query-batch") List<List<String>> subjects) {

	List<List<String>> all() {
		if ((subject == null) == (subjects == null)) {
			throw new InvalidInputException("Invalid query", "give either subject or subjects, not both and not none");
		}
		return subject != null ? List.of(subject) : new ArrayList<>(subjects);
	}

}
