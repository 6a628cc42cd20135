package dev.factlab.facts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.factlab.errors.InvalidInputException;

/** Where a feature space's directions come from. */
public enum SpaceKind {

	/** The first N axes: exactly perpendicular, at most D names. */
	ORTHONORMAL,
	/** Seeded standard-normal vectors, normalised to unit length. */
	RANDOM,
	/** The final vectors of a finished angle-distribution job, normalised. */
	FROM_JOB;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(SpaceKind::wireName).toList();
	}

	/**
	 * @throws InvalidInputException for an unknown name
	 */
	public static SpaceKind fromWireName(String name) {
		for (SpaceKind kind : values()) {
			if (kind.wireName().equals(name)) {
				return kind;
			}
		}
		throw new InvalidInputException("Unknown space kind",
				"kind must be one of %s but was '%s'".formatted(wireNames(), name))
			.with("allowed", wireNames());
	}

}
