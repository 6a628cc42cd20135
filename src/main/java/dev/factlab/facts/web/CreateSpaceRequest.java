package dev.factlab.facts.web;

import java.util.List;
import java.util.UUID;

import dev.factlab.facts.NamePattern;
import dev.factlab.facts.SpaceKind;
import dev.factlab.facts.SpaceSpec;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A feature space: named unit directions in D dimensions")
record CreateSpaceRequest(
		@Schema(description = "Slug id; generated from the kind and D when absent", example = "names-64") String id,
		@Schema(description = "orthonormal (the first N axes, N <= D), random (seeded Gaussian, unit length) or "
				+ "from-job (the final vectors of a SUCCEEDED angle-distribution job, normalised)",
				allowableValues = {
						"orthonormal", "random", "from-job" },
				example = "random") String kind,
		@Schema(description = "D: 1 to factlab.facts.max-dimensions; for from-job optional and must equal the job's D",
				example = "64") Integer dimensions,
		@Schema(description = "Names, in order", example = "[\"first:Michael\", \"last:Jordan\"]") List<String> names,
		@Schema(description = "Generated names, after the listed ones") List<NamePattern> patterns,
		@Schema(description = "Seed of a random space; default 0", example = "7") Long seed,
		@Schema(description = "The angle-distribution job of a from-job space",
				example = "4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44") UUID job){

	SpaceSpec toSpec() {
		SpaceKind parsed = SpaceKind.fromWireName(kind == null ? "random" : kind);
		return new SpaceSpec(id, parsed, dimensions, names, patterns, seed == null ? 0 : seed, job);
	}

}
