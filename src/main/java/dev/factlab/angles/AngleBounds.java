package dev.factlab.angles;

import dev.factlab.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What geometry allows for N unit vectors in D dimensions, whatever the optimiser: the
 * best possible worst-case angle (Welch's bound, and Levenstein's, which is stronger once
 * N > D(D+1)/2), and how many vectors fit when every pair must lie within 90° ±
 * tolerance. Pure arithmetic; every figure carries its formula.
 * <p>
 * A bound on |cos| is a bound on lines: some pair has an angle at most {@code degrees} or
 * at least 180° − {@code degrees}.
 *
 * @param vectors N
 * @param dimensions D
 * @param welch the Welch bound (always holds)
 * @param levenstein the Levenstein bound, or null when N ≤ D(D+1)/2 where it does not
 * apply
 * @param capacity how many vectors fit within 90° ± tolerance
 */
public record AngleBounds(@Schema(description = "N", example = "10000") long vectors,
		@Schema(description = "D", example = "100") int dimensions,
		@Schema(description = "The Welch bound: always holds") Bound welch,
		@Schema(description = "The Levenstein bound, tighter once N > D(D+1)/2; null where it does not apply") Bound levenstein,
		@Schema(description = "How many vectors fit with every pair within 90 degrees plus or minus the tolerance") Capacity capacity) {

	public static final double DEFAULT_TOLERANCE_DEGREES = 1.0;

	static final String WELCH_FORMULA = "max |cos| >= sqrt((N - D) / (D (N - 1))) for N > D, 0 for N <= D"
			+ " (Welch 1974); angle = acos(max |cos|)";

	static final String LEVENSTEIN_FORMULA = "max |cos| >= sqrt((3N - D^2 - 2D) / ((D + 2)(N - D))) for N > D(D + 1)/2"
			+ " (Levenstein 1983); angle = acos(max |cos|)";

	static final String RANDOM_FORMULA = "random unit vectors: P(|cos| >= eps) <= 2 exp(-D eps^2 / 2) with"
			+ " eps = sin(tolerance); N(N - 1)/2 pairs expect less than one pair outside 90 +- tolerance while"
			+ " N <= exp(D eps^2 / 4), so at least that many fit (Johnson-Lindenstrauss style)";

	static final String LIMIT_FORMULA = "at most min(D (1 - eps^2) / (1 - D eps^2) if D eps^2 < 1 [Welch],"
			+ " max(D (D + 1)/2, D (D + 2)(1 - eps^2) / (3 - (D + 2) eps^2)) if (D + 2) eps^2 < 3 [Levenstein]);"
			+ " null when neither bound limits N";

	public AngleBounds {
		if (vectors < 2 || dimensions < 1) {
			throw new InvalidInputException("Invalid bounds request",
					"vectors must be at least 2 and dimensions at least 1 but were %d and %d".formatted(vectors,
							dimensions));
		}
	}

	/**
	 * The bounds for {@code vectors} × {@code dimensions}, with capacity at 90° ±
	 * {@code toleranceDegrees}.
	 */
	public static AngleBounds of(long vectors, int dimensions, double toleranceDegrees) {
		if (!(toleranceDegrees > 0 && toleranceDegrees < 90)) {
			throw new InvalidInputException("Invalid bounds request",
					"toleranceDegrees must be in (0, 90) but was " + toleranceDegrees);
		}
		double n = vectors;
		double d = dimensions;
		double welch = (n <= d) ? 0 : Math.sqrt((n - d) / (d * (n - 1)));
		Bound levenstein = null;
		if (n > d * (d + 1) / 2) {
			levenstein = Bound.of(Math.sqrt((3 * n - d * d - 2 * d) / ((d + 2) * (n - d))), LEVENSTEIN_FORMULA);
		}
		return new AngleBounds(vectors, dimensions, Bound.of(welch, WELCH_FORMULA), levenstein,
				Capacity.of(dimensions, toleranceDegrees));
	}

	/**
	 * The tighter bound: no arrangement of these vectors has all angles within 90° ± (90°
	 * − this).
	 */
	public double bestWorstCaseDegrees() {
		return (levenstein == null) ? welch.degrees() : Math.min(welch.degrees(), levenstein.degrees());
	}

	/**
	 * A lower bound on the largest |cos| over all pairs.
	 *
	 * @param cosine the bound on max |cos|
	 * @param degrees acos(cosine): no arrangement has every angle within 90° ± (90° −
	 * degrees)
	 * @param formula how it was computed
	 */
	public record Bound(
			@Schema(description = "A lower bound on the largest absolute cosine over all pairs",
					example = "0.0995") double cosine,
			@Schema(description = "acos(cosine): no arrangement keeps every angle within 90 plus or minus (90 minus this)",
					example = "84.29") double degrees,
			@Schema(description = "How it was computed") String formula) {

		static Bound of(double cosine, String formula) {
			return new Bound(cosine, Math.toDegrees(Math.acos(cosine)), formula);
		}

	}

	/**
	 * How many unit vectors in D dimensions can have every pairwise angle within 90° ±
	 * tolerance.
	 *
	 * @param toleranceDegrees the tolerance
	 * @param maxCosine eps = sin(tolerance), the largest |cos| allowed
	 * @param randomPlacementLog10 log10 of exp(D eps² / 4): that many random vectors fit
	 * (at least D always fit)
	 * @param randomPlacementFormula its derivation
	 * @param upperLimit the most that can fit, or null when neither bound limits it
	 * @param upperLimitFormula its derivation
	 */
	public record Capacity(
			@Schema(description = "The tolerance around 90 degrees", example = "1") double toleranceDegrees,
			@Schema(description = "eps = sin(tolerance), the largest absolute cosine allowed",
					example = "0.01745") double maxCosine,
			@Schema(description = "log10 of how many random vectors fit: exp(D eps^2 / 4)",
					example = "0.0033") double randomPlacementLog10,
			@Schema(description = "Its derivation") String randomPlacementFormula,
			@Schema(description = "The most that can fit, or null when neither bound limits it",
					example = "101") Long upperLimit,
			@Schema(description = "Its derivation") String upperLimitFormula) {

		static Capacity of(int dimensions, double toleranceDegrees) {
			double d = dimensions;
			double eps = Math.sin(Math.toRadians(toleranceDegrees));
			double e2 = eps * eps;
			double limit = Double.POSITIVE_INFINITY;
			if (d * e2 < 1) {
				limit = d * (1 - e2) / (1 - d * e2);
			}
			if ((d + 2) * e2 < 3) {
				limit = Math.min(limit, Math.max(d * (d + 1) / 2, d * (d + 2) * (1 - e2) / (3 - (d + 2) * e2)));
			}
			// Never below D: an orthonormal basis always fits. The epsilon guards floor()
			// against rounding.
			Long upper = Double.isInfinite(limit) ? null : Math.max(dimensions, (long) Math.floor(limit + 1e-9));
			return new Capacity(toleranceDegrees, eps, d * e2 / (4 * Math.log(10)), RANDOM_FORMULA, upper,
					LIMIT_FORMULA);
		}

		/** 10^randomPlacementLog10; infinite past double's range. */
		public double randomPlacement() {
			return Math.pow(10, randomPlacementLog10);
		}

	}

}
