package dev.factlab.angles;

import dev.factlab.jobs.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An angle-distribution job as posted to {@code POST /api/v1/jobs/angle-distribution};
 * every field is optional and defaults to the lesson's run. The caps (factlab.angles.*)
 * are named, not quoted: their values are in the OpenAPI document's header.
 */
@Schema(description = "The lesson's superposition experiment; every field defaults to the lesson's run "
		+ "(10,000 vectors, 100 dimensions, 250 Adam steps at lr 0.01, the lesson's loss).")
public record AngleJobRequest(
		@Schema(description = "N, the number of vectors: 2 to factlab.angles.max-vectors, with N·D at most "
				+ "factlab.angles.max-elements; default 10,000", example = "10000") Integer vectors,
		@Schema(description = "D, their dimension: 1 to factlab.angles.max-dimensions; default 100",
				example = "100") Integer dimensions,
		@Schema(description = "Seed of the standard-normal start; the same seed gives the same result; default 0",
				example = "0") Long seed,
		@Schema(description = "Adam steps, 0 to factlab.angles.max-steps; default 250", example = "250") Integer steps,
		@Schema(description = "lesson: sum(relu(|V Vᵀ − I| − cutoff)) + N · sum(diag(V Vᵀ − I)²), exactly the lesson's "
				+ "code (rows normalised once); smooth-max-cosine: a smooth maximum of |cos| over all pairs with rows kept "
				+ "on the unit sphere, aimed at the worst pair; default lesson",
				allowableValues = {
						"lesson", "smooth-max-cosine" },
				example = "lesson") String loss,
		@Schema(description = "Adam's learning rate; default 0.01", example = "0.01") Double learningRate,
		@Schema(description = "Adam's beta1; default 0.9 (torch)", example = "0.9") Double beta1,
		@Schema(description = "Adam's beta2; default 0.999 (torch)", example = "0.999") Double beta2,
		@Schema(description = "Adam's eps, added after the square root; default 1e-8 (torch)",
				example = "1e-8") Double epsilon,
		@Schema(description = "The lesson loss's dead zone around 0; default 0.01", example = "0.01") Double cutoff,
		@Schema(description = "q of smooth-max-cosine: a power of two from 2 to 64; default 64",
				example = "64") Integer smoothMaxExponent,
		@Schema(description = "The full histogram; default 180 bins over 0°–180°") Range histogram,
		@Schema(description = "The zoomed histogram; default 1,000 bins over 80°–100°, as in the lesson") Range zoom)
		implements
			JobRequest<AngleJobSpec>{

	/** Bins over an angle range. */
	@Schema(name = "AngleRange", description = "Equal-width bins over [from, to] degrees")
	public record Range(@Schema(description = "Number of bins, 1 to factlab.angles.max-bins", example = "180") int bins,
			@Schema(description = "Lower edge in degrees, from 0", example = "0") double fromDegrees,
			@Schema(description = "Upper edge in degrees, up to 180", example = "180") double toDegrees) {

		public HistogramRange toRange() {
			return new HistogramRange(bins, fromDegrees, toDegrees);
		}

	}

	@Override
	public AngleJobSpec toSpec() {
		return new AngleJobSpec(or(vectors, AngleExperiment.LESSON_VECTORS),
				or(dimensions, AngleExperiment.LESSON_DIMENSIONS), or(seed, 0L),
				or(steps, AngleExperiment.LESSON_STEPS), or(loss, "lesson"),
				or(learningRate, AngleExperiment.LESSON_LEARNING_RATE), or(beta1, AngleExperiment.TORCH_BETA1),
				or(beta2, AngleExperiment.TORCH_BETA2), or(epsilon, AngleExperiment.TORCH_EPSILON),
				or(cutoff, AngleExperiment.LESSON_CUTOFF),
				or(smoothMaxExponent, AngleExperiment.DEFAULT_SMOOTH_MAX_EXPONENT),
				histogram == null ? HistogramRange.FULL : histogram.toRange(),
				zoom == null ? HistogramRange.LESSON_ZOOM : zoom.toRange());
	}

	private static <T> T or(T value, T fallback) {
		return value == null ? fallback : value;
	}

}
