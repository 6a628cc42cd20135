package dev.factlab.facts;

import java.util.List;
import java.util.UUID;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.jobs.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** A fact-capacity job as posted; every field is optional. */
@Schema(description = "How many facts fit in D dimensions: a sweep over D and F")
public record CapacityRequest(
		@Schema(description = "D values; default [32, 64, 128]", example = "[32, 64]") List<Integer> dimensions,
		@Schema(description = "Fact counts F; default [32, 128, 512, 2048]",
				example = "[64, 256, 1024]") List<Integer> factCounts,
		@Schema(description = "orthonormal, random or from-job; default random", allowableValues = {
				"orthonormal", "random", "from-job" }, example = "random") String space,
		@Schema(description = "The SUCCEEDED angle-distribution job of a from-job sweep; its D must be every D") UUID job,
		@Schema(description = "Names per subject, 1 to factlab.facts.max-subject-names; default 2",
				example = "2") Integer subjectArity,
		@Schema(description = "Distinct first names shared among the facts; default one per fact",
				example = "16") Integer firstNames,
		@Schema(description = "Seed of the random spaces; default 0", example = "0") Long seed)
		implements
			JobRequest<CapacitySpec>{

	@Override
	public CapacitySpec toSpec() {
		String kind = space == null ? "random" : space;
		SpaceKind.fromWireName(kind);
		if (firstNames != null && firstNames < 1) {
			throw new InvalidInputException("Invalid first names",
					"firstNames must be at least 1 but was " + firstNames);
		}
		return new CapacitySpec(dimensions == null ? List.of(32, 64, 128) : dimensions,
				factCounts == null ? List.of(32, 128, 512, 2048) : factCounts, kind, job,
				subjectArity == null ? 2 : subjectArity, firstNames, seed == null ? 0 : seed);
	}

}
