package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Erf;

/**
 * Plain double-precision references for the kernels, written without any code of the
 * module under test, and the one tolerance the numeric tests use.
 */
public final class Reference {

	/**
	 * Relative tolerance of float32 results against double references: |a − b| ≤ 1e-5 ·
	 * max(1, |b|).
	 */
	public static final double TOLERANCE = 1e-5;

	private Reference() {
	}

	/**
	 * The activations from their textbook formulas; GELU's normal CDF from Apache Commons
	 * Math's erfc.
	 */
	public static double activation(String name, double x) {
		return switch (name) {
			case "relu" -> Math.max(0, x);
			case "gelu" -> x * 0.5 * Erf.erfc(-x / Math.sqrt(2));
			case "gelu_tanh" -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * Math.pow(x, 3))));
			case "silu" -> x / (1 + Math.exp(-x));
			default -> throw new IllegalArgumentException(name);
		};
	}

	/** {@code x·wᵀ + b} in double, triple loop. x [n][k], w [m][k], b [m] or null. */
	public static double[][] affine(float[][] x, float[][] w, float[] b) {
		double[][] out = new double[x.length][w.length];
		for (int i = 0; i < x.length; i++) {
			for (int j = 0; j < w.length; j++) {
				double sum = b == null ? 0 : b[j];
				for (int t = 0; t < w[j].length; t++) {
					sum += (double) x[i][t] * w[j][t];
				}
				out[i][j] = sum;
			}
		}
		return out;
	}

	/**
	 * Asserts {@code actual} within float32's rounding of {@code x·wᵀ + b}: the fixed
	 * {@link #TOLERANCE}, or for long sums {@code 8·√k·2⁻²⁴·Σ|terms|} (the typical error
	 * of k rounded additions, with room; a wrong or missing term is far outside it).
	 */
	public static void assertAffineClose(float[][] x, float[][] w, float[] b, FloatMatrix actual, String what) {
		double[][] expected = affine(x, w, b);
		for (int i = 0; i < x.length; i++) {
			for (int j = 0; j < w.length; j++) {
				double magnitude = b == null ? 0 : Math.abs(b[j]);
				for (int t = 0; t < w[j].length; t++) {
					magnitude += Math.abs((double) x[i][t] * w[j][t]);
				}
				double bound = Math.max(TOLERANCE * Math.max(1, Math.abs(expected[i][j])),
						8 * Math.sqrt(w[j].length) * 0x1p-24 * magnitude);
				double actualValue = actual.get(i, j);
				assertThat(Math.abs(actualValue - expected[i][j]))
					.as("%s[%d][%d]: expected %s but was %s", what, i, j, expected[i][j], actualValue)
					.isLessThanOrEqualTo(bound);
			}
		}
	}

	public static float[][] random(SplittableRandom random, int rows, int cols, double scale) {
		float[][] out = new float[rows][cols];
		for (float[] row : out) {
			for (int j = 0; j < cols; j++) {
				row[j] = (float) ((random.nextDouble() * 2 - 1) * scale);
			}
		}
		return out;
	}

	public static void assertClose(double expected, double actual, String what) {
		assertThat(Math.abs(actual - expected)).as("%s: expected %s but was %s", what, expected, actual)
			.isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
	}

	public static void assertClose(double[][] expected, FloatMatrix actual, String what) {
		assertThat(actual.rows()).as(what + " rows").isEqualTo(expected.length);
		assertThat(actual.cols()).as(what + " cols").isEqualTo(expected[0].length);
		for (int i = 0; i < expected.length; i++) {
			for (int j = 0; j < expected[i].length; j++) {
				assertClose(expected[i][j], actual.get(i, j), what + "[" + i + "][" + j + "]");
			}
		}
	}

}
