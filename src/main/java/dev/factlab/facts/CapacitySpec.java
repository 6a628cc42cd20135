package dev.factlab.facts;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A capacity sweep as it runs: every (D, F) cell compiles F synthetic facts over a fresh
 * space and queries every fact and a partial subject of each.
 * <p>
 * Fact i of a cell has the subject {@code first:(i mod firstNames)}, {@code s1:i}, ...,
 * {@code s(k−1):i} (k = subjectArity names) and the attribute {@code attr:i}; the space
 * holds N = firstNames + (k − 1)·F + F names. Its partial subject drops the last name.
 *
 * @param dimensions the D of each row of cells
 * @param factCounts the F of each column
 * @param space orthonormal, random or from-job
 * @param job the angle-distribution job of a from-job sweep, else null
 * @param subjectArity k, names per subject
 * @param firstNames distinct first names shared among the facts, or null for one per fact
 * @param seed seed of the random spaces (cell c uses seed + c)
 */
@Schema(description = "The capacity sweep that ran")
public record CapacitySpec(@Schema(description = "D of each row of cells") List<Integer> dimensions,
		@Schema(description = "F of each column") List<Integer> factCounts,
		@Schema(description = "orthonormal, random or from-job", example = "random") String space,
		@Schema(description = "The angle-distribution job of a from-job sweep") UUID job,
		@Schema(description = "Names per subject", example = "2") int subjectArity,
		@Schema(description = "Distinct first names shared among the facts; null for one per fact",
				example = "16") Integer firstNames,
		@Schema(description = "Seed of the random spaces (cell c uses seed + c)", example = "0") long seed) {

	public CapacitySpec {
		dimensions = List.copyOf(dimensions);
		factCounts = List.copyOf(factCounts);
	}

	/** Distinct first names of a cell of {@code facts} facts. */
	public int firstNamesOf(int facts) {
		return firstNames == null ? facts : Math.min(firstNames, facts);
	}

	/** N of a cell of {@code facts} facts. */
	public long namesOf(int facts) {
		return firstNamesOf(facts) + (long) subjectArity * facts;
	}

}
