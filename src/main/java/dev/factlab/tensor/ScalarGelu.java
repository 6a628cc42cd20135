package dev.factlab.tensor;

/**
 * {@link GeluKernel} one value at a time, and the definition of the arithmetic that
 * {@code VectorGelu} repeats lane for lane.
 * <p>
 * {@code gelu(x) = x · ½ · erfc(−x/√2)}, in double precision, rounded to float32 once at
 * the end. erfc is {@link Erfc}'s Chebyshev-fitted exponential (Numerical Recipes'
 * {@code erfcc}, fractional error below 1.2·10⁻⁷): with {@code z = |x|/√2} and
 * {@code t = 1/(1 + z/2)}, {@code erfc(z) = t·exp(−z² + P(t))}, and
 * {@code erfc(−z) = 2 − erfc(z)}. Here the exponential is computed without
 * {@link Math#exp} so that it vectorises: {@code e^a = 2^k · e^r} with
 * {@code k = round(a/ln 2)} (added to the exponent bits), {@code r = a − k·ln 2}
 * (two-part ln 2, |r| ≤ ln 2/2) and {@code e^r} by its Taylor polynomial to degree 11
 * (truncation below 3·10⁻¹⁵); the argument is clamped at −700, where the exponential is
 * already far below float32's range. Every step is an IEEE 754 double operation (fused
 * multiply-adds included), which is why both kernels give the same bits.
 * <p>
 * Error against the exact GELU (the scalar double {@link Activation#apply(double)},
 * itself checked against Apache Commons Math's erfc): measured over 2·10⁶ floats in [−20,
 * 20] in {@code GeluKernelTests}, at most 1 ulp of the float32 result (the double result
 * is within 1.2·10⁻⁷ relative of the exact value, the erfc fit, and is then rounded
 * once).
 */
final class ScalarGelu implements GeluKernel {

	static final double INV_SQRT_2 = 1 / Math.sqrt(2);

	/** {@link Erfc}'s coefficients, from t⁰ to t⁹. */
	static final double[] P = { -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398,
			1.48851587, -0.82215223, 0.17087277 };

	/** Below this the exponential underflows anything float32 can hold. */
	static final double MIN_EXPONENT = -700;

	static final double LOG2_E = 1.4426950408889634;

	/** ln 2 in two parts: the high part has 32 significant bits, so k·LN2_HI is exact. */
	static final double LN2_HI = 0.6931471803691238;

	static final double LN2_LO = 1.9082149292705877e-10;

	/**
	 * 1.5·2⁵²: adding it rounds to an integer held in the low bits of the significand.
	 */
	static final double SHIFT = 0x1.8p52;

	/** 1/i! for i = 0 … 11. */
	static final double[] TAYLOR = new double[12];

	static {
		double factorial = 1;
		for (int i = 0; i < TAYLOR.length; i++) {
			factorial *= Math.max(1, i);
			TAYLOR[i] = 1 / factorial;
		}
	}

	@Override
	public void apply(float[] values, int from, int to) {
		for (int i = from; i < to; i++) {
			values[i] = gelu(values[i]);
		}
	}

	/** The arithmetic of the class comment, for one value. */
	static float gelu(float value) {
		double x = value;
		double z = Math.abs(x) * INV_SQRT_2;
		double t = 1 / (1 + 0.5 * z);
		double poly = P[9];
		for (int i = 8; i >= 0; i--) {
			poly = Math.fma(poly, t, P[i]);
		}
		double a = Math.max(Math.fma(-z, z, poly), MIN_EXPONENT);
		double kd = Math.fma(a, LOG2_E, SHIFT);
		double k = kd - SHIFT;
		double r = Math.fma(-k, LN2_HI, a);
		r = Math.fma(-k, LN2_LO, r);
		double p = TAYLOR[11];
		for (int i = 10; i >= 0; i--) {
			p = Math.fma(p, r, TAYLOR[i]);
		}
		double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(kd) + 1023) << 52);
		double ans = t * (p * scale);
		double twicePhi = x > 0 ? 2 - ans : ans;
		return (float) (x * 0.5 * twicePhi);
	}

	@Override
	public String name() {
		return "scalar";
	}

}
