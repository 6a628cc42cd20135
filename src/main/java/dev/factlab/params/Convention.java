package dev.factlab.params;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.factlab.errors.InvalidInputException;

/**
 * Which tensors a total counts.
 * <ul>
 * <li>{@code matrices}: weight matrices only, the lesson's count: token embedding,
 * attention query, key, value and output weights, MLP weights (and a mixture's router),
 * and the unembedding counted apart from the embedding even when the two are tied. No
 * biases, norms or position embedding.</li>
 * <li>{@code full}: every trained tensor as configured: a tied unembedding is counted
 * once (with the embedding), plus learned positions, biases and norm vectors.</li>
 * </ul>
 * Kaplan et al.'s non-embedding count is derived from these, see {@link KaplanCount}.
 */
public enum Convention {

	MATRICES, FULL;

	@JsonValue
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @throws InvalidInputException naming the accepted values and the value that came
	 */
	public static Convention parse(String value) {
		return Arrays.stream(values())
			.filter(c -> c.id().equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("Unknown convention",
					"convention must be one of [matrices, full] but was '%s'".formatted(value))
				.with("expected", Arrays.stream(values()).map(Convention::id).toList())
				.with("actual", String.valueOf(value)));
	}

}
