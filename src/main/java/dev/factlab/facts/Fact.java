package dev.factlab.facts;

import java.util.List;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One fact: when every name of the subject is present, write the attributes.
 *
 * @param subject names that must all be present, e.g. first:Michael, last:Jordan
 * @param attributes names to write, e.g. sport:basketball
 */
@Schema(description = "A fact: when every subject name is present, the attributes are written")
public record Fact(
		@Schema(description = "Names that must all be present (the AND gate's inputs)",
				example = "[\"first:Michael\", \"last:Jordan\"]") List<String> subject,
		@Schema(description = "Names to write when the subject is present",
				example = "[\"sport:basketball\", \"team:Chicago Bulls\"]") List<String> attributes) {

	public Fact {
		subject = subject == null ? List.of() : List.copyOf(subject);
		attributes = attributes == null ? List.of() : List.copyOf(attributes);
	}

	/** The subject as a set, in sorted order: facts with the same key are duplicates. */
	public String key() {
		return String.join(" + ", new TreeSet<>(subject));
	}

	/** "first:Michael + last:Jordan → sport:basketball, team:Chicago Bulls" */
	public String label() {
		return String.join(" + ", subject) + " → " + String.join(", ", attributes);
	}

}
