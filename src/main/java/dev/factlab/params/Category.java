package dev.factlab.params;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The lesson's words for where parameters live, in the order the lesson walks through
 * them.
 */
public enum Category {

	EMBEDDING("Embedding"), POSITION_EMBEDDING("Position embedding"), ATTENTION("Attention"), MLP("MLP"),
	NORMS("Norms"), UNEMBEDDING("Unembedding");

	private final String label;

	Category(String label) {
		this.label = label;
	}

	@JsonValue
	public String label() {
		return label;
	}

}
