package dev.factlab.tensor;

/**
 * The complementary error function by the Chebyshev-fitted exponential of Press et al.,
 * Numerical Recipes (2nd ed., §6.2, {@code erfcc}): fractional error below 1.2·10⁻⁷ for
 * every x, which is float32's own precision. Computing GELU through erfc rather than
 * {@code 1 + erf} keeps that relative precision in the negative tail.
 */
final class Erfc {

	private Erfc() {
	}

	static double erfc(double x) {
		double z = Math.abs(x);
		double t = 1 / (1 + 0.5 * z);
		double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
				+ t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
		double ans = t * Math.exp(-z * z + poly);
		return x >= 0 ? ans : 2 - ans;
	}

}
