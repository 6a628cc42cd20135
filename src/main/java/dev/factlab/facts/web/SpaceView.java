package dev.factlab.facts.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.factlab.facts.FeatureSpace;
import dev.factlab.facts.Interference;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A feature space")
record SpaceView(@Schema(description = "Its id", example = "names-64") String id,
		@Schema(description = "orthonormal, random or from-job", example = "random") String kind,
		@Schema(description = "D", example = "64") int dimensions,
		@Schema(description = "N, the number of named directions", example = "300") int directions,
		@Schema(description = "The first 20 names, in order; all are at the names link",
				example = "[\"first:0\", \"first:1\"]") List<String> firstNames,
		@Schema(description = "Seed of a random space, else null", example = "7") Long seed,
		@Schema(description = "Source job of a from-job space, else null") UUID job,
		@Schema(description = "Bytes charged to the model memory budget", example = "77600") long bytes,
		@Schema(description = "When it was created") Instant createdAt,
		@Schema(description = "How much the directions overlap (GET of one space only; null in lists and for a "
				+ "single direction)") Interference interference,
		@Schema(description = "Related resources") Links links) {

	static final int FIRST_NAMES = 20;

	@Schema(name = "FeatureSpaceLinks", description = "Related resources")
	record Links(@Schema(description = "The space", example = "/api/v1/feature-spaces/names-64") String self,
			@Schema(description = "All names, in row order",
					example = "/api/v1/feature-spaces/names-64/names") String names,
			@Schema(description = "The directions: float32 little-endian [N × D], rows in name order",
					example = "/api/v1/feature-spaces/names-64/directions.f32") String directions) {
	}

	static SpaceView of(FeatureSpace space, Interference interference) {
		String self = FeatureSpaceController.PATH + "/" + space.id();
		return new SpaceView(space.id(), space.kind().wireName(), space.dimensions(), space.size(),
				space.names().subList(0, Math.min(FIRST_NAMES, space.size())), space.seed(), space.sourceJob(),
				space.bytes(), space.createdAt(), interference,
				new Links(self, self + "/names", self + "/directions.f32"));
	}

}
