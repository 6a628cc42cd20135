package dev.factlab.facts;

import java.util.List;
import java.util.UUID;

/**
 * What a feature space is made of.
 *
 * @param id requested id, or null for a generated one
 * @param kind where the directions come from
 * @param dimensions D; null for a from-job space (the job's D), else required
 * @param names listed names, in order (may be empty when patterns are given)
 * @param patterns generated names, after the listed ones
 * @param seed seed of a random space
 * @param sourceJob the angle-distribution job of a from-job space
 */
public record SpaceSpec(String id, SpaceKind kind, Integer dimensions, List<String> names, List<NamePattern> patterns,
		long seed, UUID sourceJob) {

	public SpaceSpec {
		names = names == null ? List.of() : List.copyOf(names);
		patterns = patterns == null ? List.of() : List.copyOf(patterns);
	}

}
