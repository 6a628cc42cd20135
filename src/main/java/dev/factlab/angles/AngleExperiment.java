package dev.factlab.angles;

import java.util.Objects;

import dev.factlab.errors.InvalidInputException;

/**
 * One run of the angle experiment: {@code vectors} random unit vectors of
 * {@code dimensions} numbers, pushed towards perpendicular by full-batch Adam on
 * {@code loss}, with the pairwise angles measured before and after. The defaults
 * ({@link #lesson()}) are the lesson's: 10,000 × 100, 250 steps, Adam(lr 0.01, betas
 * 0.9/0.999, eps 1e-8), cutoff 0.01.
 * <p>
 * The invariants here say what is meaningful; how large a run may be is a service policy,
 * checked by {@link AngleLimits}.
 *
 * @param vectors N, the number of vectors (rows of V), at least 2
 * @param dimensions D, the length of each vector, at least 1
 * @param seed seeds the standard-normal start (see {@link AngleOptimiser}); the same seed
 * gives the same result
 * @param steps number of Adam steps, at least 0 (0 measures the random start only)
 * @param learningRate Adam's lr, positive
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's eps, added after the square root as in torch, positive
 * @param loss what is minimised
 * @param cutoff the lesson loss's dead zone around 0 for each Gram entry, at least 0
 * (unused by other losses)
 * @param smoothMaxExponent q of {@link AngleLoss#SMOOTH_MAX_COSINE}, a power of two in
 * [2, 64] (unused by other losses)
 * @param histogram the full histogram's bins
 * @param zoom the zoomed histogram's bins
 */
public record AngleExperiment(int vectors, int dimensions, long seed, int steps, double learningRate, double beta1,
		double beta2, double epsilon, AngleLoss loss, double cutoff, int smoothMaxExponent, HistogramRange histogram,
		HistogramRange zoom) {

	public static final int LESSON_VECTORS = 10_000;

	public static final int LESSON_DIMENSIONS = 100;

	public static final int LESSON_STEPS = 250;

	public static final double LESSON_LEARNING_RATE = 0.01;

	public static final double LESSON_CUTOFF = 0.01;

	/** torch.optim.Adam's defaults. */
	public static final double TORCH_BETA1 = 0.9, TORCH_BETA2 = 0.999, TORCH_EPSILON = 1e-8;

	/**
	 * q = 64: the best of 16, 32 and 64 in 250-step runs at 2,000 × 30 and 10,000 × 100
	 * (bench/angles/RESULTS.md).
	 */
	public static final int DEFAULT_SMOOTH_MAX_EXPONENT = 64;

	public AngleExperiment {
		Objects.requireNonNull(loss, "loss");
		Objects.requireNonNull(histogram, "histogram");
		Objects.requireNonNull(zoom, "zoom");
		require(vectors >= 2, "vectors must be at least 2 but was " + vectors);
		require(dimensions >= 1, "dimensions must be at least 1 but was " + dimensions);
		require(steps >= 0, "steps must be at least 0 but was " + steps);
		require(learningRate > 0 && Double.isFinite(learningRate),
				"learningRate must be positive but was " + learningRate);
		require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1) but was " + beta1);
		require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1) but was " + beta2);
		require(epsilon > 0 && Double.isFinite(epsilon), "epsilon must be positive but was " + epsilon);
		require(cutoff >= 0 && Double.isFinite(cutoff), "cutoff must be at least 0 but was " + cutoff);
		require(smoothMaxExponent >= 2 && smoothMaxExponent <= 64 && Integer.bitCount(smoothMaxExponent) == 1,
				"smoothMaxExponent must be a power of two in [2, 64] but was " + smoothMaxExponent);
	}

	/**
	 * The lesson's run: 10,000 × 100, seed 0, 250 steps of Adam(0.01) on
	 * {@link AngleLoss#LESSON}.
	 */
	public static AngleExperiment lesson() {
		return lesson(LESSON_VECTORS, LESSON_DIMENSIONS, 0);
	}

	/** The lesson's settings for another size and seed. */
	public static AngleExperiment lesson(int vectors, int dimensions, long seed) {
		return new AngleExperiment(vectors, dimensions, seed, LESSON_STEPS, LESSON_LEARNING_RATE, TORCH_BETA1,
				TORCH_BETA2, TORCH_EPSILON, AngleLoss.LESSON, LESSON_CUTOFF, DEFAULT_SMOOTH_MAX_EXPONENT,
				HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
	}

	public AngleExperiment withLoss(AngleLoss loss) {
		return new AngleExperiment(vectors, dimensions, seed, steps, learningRate, beta1, beta2, epsilon, loss, cutoff,
				smoothMaxExponent, histogram, zoom);
	}

	public AngleExperiment withSteps(int steps) {
		return new AngleExperiment(vectors, dimensions, seed, steps, learningRate, beta1, beta2, epsilon, loss, cutoff,
				smoothMaxExponent, histogram, zoom);
	}

	public AngleExperiment withLearningRate(double learningRate) {
		return new AngleExperiment(vectors, dimensions, seed, steps, learningRate, beta1, beta2, epsilon, loss, cutoff,
				smoothMaxExponent, histogram, zoom);
	}

	/** N(N−1)/2, the number of unordered pairs. */
	public long pairs() {
		return (long) vectors * (vectors - 1) / 2;
	}

	private static void require(boolean condition, String detail) {
		if (!condition) {
			throw new InvalidInputException("Invalid angle experiment", detail);
		}
	}

}
