package dev.factlab.facts;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Names generated from a pattern: {@code first:{i}} with count 3 gives first:0, first:1,
 * first:2.
 */
@Schema(description = "Names generated from a pattern with {i} replaced by 0, 1, ..., count - 1")
public record NamePattern(@Schema(description = "The pattern; must contain {i}", example = "first:{i}") String pattern,
		@Schema(description = "How many names", example = "1000") int count) {

	public static final String PLACEHOLDER = "{i}";

	/**
	 * @throws InvalidInputException for a pattern without {i} or a count below 1
	 */
	void check() {
		if (pattern == null || !pattern.contains(PLACEHOLDER) || count < 1) {
			throw new InvalidInputException("Invalid pattern",
					"a pattern needs {i} and a count of at least 1 but was '%s' × %d".formatted(pattern, count));
		}
	}

	String name(int i) {
		return pattern.replace(PLACEHOLDER, Integer.toString(i));
	}

	/** Every name of {@code patterns} in order. */
	static void expandInto(List<NamePattern> patterns, List<String> out) {
		for (NamePattern p : patterns) {
			for (int i = 0; i < p.count(); i++) {
				out.add(p.name(i));
			}
		}
	}

}
