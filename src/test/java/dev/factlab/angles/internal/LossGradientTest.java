package dev.factlab.angles.internal;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import dev.factlab.angles.AngleExperiment;
import dev.factlab.angles.AngleLoss;
import dev.factlab.angles.HistogramRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiled float32 losses and gradients against {@link PlainAngleReference}, whose
 * analytic gradient is itself checked against central finite differences in double.
 */
class LossGradientTest {

	/**
	 * Central differences in double, h = 1e-6: truncation O(h²) and rounding O(ε/h) both
	 * far below this.
	 */
	static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

	/**
	 * float32 against double: rounding in G, in powers up to x³¹ and in the GEMM sums,
	 * relative to the largest entry.
	 */
	static final double FLOAT_TOLERANCE = 1e-4;

	/** One float32 computation against another that sums in a different order. */
	static final double REORDER_TOLERANCE = 1e-5;

	static final int N = 7, D = 5;

	@Test
	void lessonGradientMatchesFiniteDifferencesAndTheTiledKernel() {
		double[] v = unnormalised(N, D, 11);
		double cutoff = AngleExperiment.LESSON_CUTOFF;
		assertAwayFromKinks(v, N, D, cutoff);
		double[] analytic = PlainAngleReference.lessonGradient(v, N, D, cutoff);
		assertClose(analytic, finiteDifferences(v, x -> PlainAngleReference.lessonLoss(x, N, D, cutoff)),
				FINITE_DIFFERENCE_TOLERANCE);

		AngleEngine.Evaluation tiled = new AngleEngine(2, 3, true).evaluate(toFloat(v),
				experiment(AngleLoss.LESSON, 32));
		double reference = PlainAngleReference.lessonLoss(v, N, D, cutoff);
		assertThat(tiled.loss()).isCloseTo(reference, relative(reference, FLOAT_TOLERANCE));
		assertClose(toDouble(tiled.gradient()), analytic, FLOAT_TOLERANCE);
	}

	@Test
	void lessonDiagonalTermIsPartOfTheCheck() {
		double[] v = unnormalised(N, D, 11);
		double[][] g = PlainAngleReference.gram(v, N, D);
		double diagonal = 0;
		for (int i = 0; i < N; i++) {
			diagonal += N * (g[i][i] - 1) * (g[i][i] - 1);
		}
		// Rows of norm 0.5–1.5 make N · sum(diag²) a large share of the loss, so the
		// checks above cover it.
		assertThat(diagonal)
			.isGreaterThan(0.3 * PlainAngleReference.lessonLoss(v, N, D, AngleExperiment.LESSON_CUTOFF));
	}

	@Test
	void smoothMaxGradientMatchesFiniteDifferencesAndTheTiledKernel() {
		for (int q : new int[] { 2, 8, 32 }) {
			// A loss of cosines: differentiated at unit rows, through the normalisation.
			double[] v = PlainAngleReference.normalised(unnormalised(N, D, 12), N, D);
			double[] analytic = PlainAngleReference.smoothMaxGradient(v, N, D, q);
			assertClose(analytic, finiteDifferences(v, x -> PlainAngleReference.smoothMaxLoss(x, N, D, q)),
					FINITE_DIFFERENCE_TOLERANCE);

			AngleEngine.Evaluation tiled = new AngleEngine(2, 4, true).evaluate(toFloat(v),
					experiment(AngleLoss.SMOOTH_MAX_COSINE, q));
			double reference = PlainAngleReference.smoothMaxLoss(v, N, D, q);
			assertThat(tiled.loss()).as("q=%d", q).isCloseTo(reference, relative(reference, FLOAT_TOLERANCE));
			assertClose(toDouble(tiled.gradient()), analytic, FLOAT_TOLERANCE);
		}
	}

	@Test
	void tilesThatDoNotDivideNGiveTheUntiledResult() {
		int n = 70;
		int d = 9;
		float[] v = toFloat(unnormalised(n, d, 13));
		for (AngleLoss loss : AngleLoss.values()) {
			AngleExperiment experiment = new AngleExperiment(n, d, 0, 1, 0.01, 0.9, 0.999, 1e-8, loss, 0.01, 16,
					HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
			AngleEngine.Evaluation whole = new AngleEngine(1, n, true).evaluate(v, experiment);
			for (int tileSize : new int[] { 16, 23, 32, 69 }) {
				for (int workers : new int[] { 1, 2 }) {
					AngleEngine.Evaluation tiled = new AngleEngine(workers, tileSize, true).evaluate(v, experiment);
					assertThat(tiled.loss()).as("%s, tiles of %d", loss, tileSize)
						.isCloseTo(whole.loss(), relative(whole.loss(), REORDER_TOLERANCE));
					assertClose(toDouble(tiled.gradient()), toDouble(whole.gradient()), REORDER_TOLERANCE);
				}
			}
		}
	}

	@Test
	void scalarKernelsGiveTheVectorKernelsResult() {
		int n = 70;
		int d = 9;
		float[] v = toFloat(unnormalised(n, d, 14));
		for (AngleLoss loss : AngleLoss.values()) {
			AngleExperiment experiment = new AngleExperiment(n, d, 0, 1, 0.01, 0.9, 0.999, 1e-8, loss, 0.01, 16,
					HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
			AngleEngine.Evaluation vector = new AngleEngine(2, 32, true).evaluate(v, experiment);
			AngleEngine.Evaluation scalar = new AngleEngine(2, 32, false).evaluate(v, experiment);
			assertThat(scalar.loss()).as("%s", loss)
				.isCloseTo(vector.loss(), relative(vector.loss(), REORDER_TOLERANCE));
			assertClose(toDouble(scalar.gradient()), toDouble(vector.gradient()), REORDER_TOLERANCE);
		}
	}

	static AngleExperiment experiment(AngleLoss loss, int exponent) {
		return new AngleExperiment(N, D, 0, 1, 0.01, 0.9, 0.999, 1e-8, loss, AngleExperiment.LESSON_CUTOFF, exponent,
				HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
	}

	/**
	 * Standard-normal rows scaled to norms between 0.5 and 1.5, rounded to float32
	 * values.
	 */
	static double[] unnormalised(int n, int d, long seed) {
		Random random = new Random(seed);
		double[] v = new double[n * d];
		for (int i = 0; i < n; i++) {
			double norm = 0;
			for (int k = 0; k < d; k++) {
				v[i * d + k] = random.nextGaussian();
				norm += v[i * d + k] * v[i * d + k];
			}
			double scale = (0.5 + random.nextDouble()) / Math.sqrt(norm);
			for (int k = 0; k < d; k++) {
				v[i * d + k] = (float) (v[i * d + k] * scale);
			}
		}
		return v;
	}

	/**
	 * The hinge has kinks at |G − I| = cutoff; finite differences across one would mean
	 * nothing.
	 */
	private static void assertAwayFromKinks(double[] v, int n, int d, double cutoff) {
		double[][] g = PlainAngleReference.gram(v, n, d);
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double diff = g[i][j] - (i == j ? 1 : 0);
				assertThat(Math.abs(Math.abs(diff) - cutoff)).as("G[%d][%d] − I near the cutoff", i, j)
					.isGreaterThan(1e-3);
			}
		}
	}

	private static double[] finiteDifferences(double[] v, ToDoubleFunction<double[]> loss) {
		double h = 1e-6;
		double[] gradient = new double[v.length];
		for (int k = 0; k < v.length; k++) {
			double[] plus = v.clone();
			double[] minus = v.clone();
			plus[k] += h;
			minus[k] -= h;
			gradient[k] = (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * h);
		}
		return gradient;
	}

	/** Every entry within {@code tolerance} × the largest |expected| entry. */
	static void assertClose(double[] actual, double[] expected, double tolerance) {
		assertThat(actual).hasSameSizeAs(expected);
		double scale = 0;
		for (double x : expected) {
			scale = Math.max(scale, Math.abs(x));
		}
		for (int k = 0; k < expected.length; k++) {
			assertThat(actual[k]).as("entry %d", k)
				.isCloseTo(expected[k], org.assertj.core.data.Offset.offset(tolerance * scale));
		}
	}

	static org.assertj.core.data.Offset<Double> relative(double expected, double tolerance) {
		return org.assertj.core.data.Offset.offset(Math.abs(expected) * tolerance);
	}

	static float[] toFloat(double[] values) {
		float[] result = new float[values.length];
		for (int k = 0; k < values.length; k++) {
			result[k] = (float) values[k];
		}
		return result;
	}

	static double[] toDouble(float[] values) {
		double[] result = new double[values.length];
		for (int k = 0; k < values.length; k++) {
			result[k] = values[k];
		}
		return result;
	}

}
