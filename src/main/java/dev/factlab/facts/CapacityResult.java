package dev.factlab.facts;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A capacity sweep's result: one point per (D, F) cell, D-major. */
@Schema(description = "A capacity sweep's result")
public record CapacityResult(@Schema(description = "What ran") CapacitySpec spec, @Schema(
		description = "One point per (D, F) cell, in the order of dimensions then factCounts") List<CapacityPoint> points,
		@Schema(description = "Where recall held, in a sentence per D") String note) {
}
