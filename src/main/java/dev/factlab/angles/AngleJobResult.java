package dev.factlab.angles;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an angle-distribution job stores as its result: the spec, the angles before and
 * after (tails included), the loss curve, the timings, and what geometry allows. The
 * final vectors are the job's artifact {@value #VECTORS}.
 */
@Schema(description = "The angle experiment's result")
public record AngleJobResult(@Schema(description = "What ran") AngleJobSpec spec,
		@Schema(description = "The random start's pairwise angles") AngleStatistics before,
		@Schema(description = "The pairwise angles after the last step") AngleStatistics after,
		@Schema(description = "The loss at the start of each step") double[] lossCurve,
		@Schema(description = "Where the time went, in seconds") AngleTimings timings,
		@Schema(description = "How it was computed",
				example = "2 workers, tiles of 1024, Vector API 512-bit") String kernel,
		@Schema(description = "What no method can beat at this N and D (Welch, Levenstein) and how many vectors fit") AngleBounds bounds,
		@Schema(description = "The final vectors: float32, little-endian, row-major [vectors × dimensions]",
				example = "vectors.f32") String vectorsArtifact,
		@Schema(description = "How to read the result") String note) {

	public static final String VECTORS = "vectors.f32";

	static AngleJobResult of(AngleJobSpec spec, AngleRunResult run) {
		AngleBounds bounds = AngleBounds.of(spec.vectors(), spec.dimensions(), AngleBounds.DEFAULT_TOLERANCE_DEGREES);
		String note = ("After: %.2f%% of the %,d pairs lie within 89°–91°, and %,d pairs (%.2f%%) are nearly parallel "
				+ "or opposite (< 10° or > 170°); the worst pair is at %.2f°/%.2f°. No arrangement of %,d vectors in %d "
				+ "dimensions can keep every pair closer to 90° than %.2f° (the Welch and Levenstein bounds). A histogram over 80°–100° alone "
				+ "hides the near-parallel pairs.")
			.formatted(100 * run.after().within1Degree(), run.after().pairs(), run.after().nearParallelPairs(),
					100 * run.after().nearParallelFraction(), run.after().minDegrees(), run.after().maxDegrees(),
					spec.vectors(), spec.dimensions(), bounds.bestWorstCaseDegrees());
		return new AngleJobResult(spec, run.before(), run.after(), run.lossCurve(), run.timings(), run.kernel(), bounds,
				VECTORS, note);
	}

}
