package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The few-token kernel for column-major weights (W_down made neuron by neuron), which
 * skips the columns of neurons that are zero for every token: against a double-precision
 * loop over every term, against ND4J's GEMM on the same weights and against the row
 * kernel on a row-major copy; and both of its inner loops (Vector API and scalar) on
 * shapes that leave remainders.
 */
class ColumnProductsTests {

	/** W_down [dModel, neurons], just large enough to live off-heap; odd dModel. */
	static final int D_MODEL = 1_003;

	static final int NEURONS = 1_100;

	static final double SUM_ORDER_TOLERANCE = 1e-6;

	@AfterEach
	void automaticKernels() {
		TensorOps.choice = TensorOps.KernelChoice.AUTO;
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 8, 16, 24 })
	void reluActivationsMatchTheReferenceTheGemmAndTheRowKernel(int n) {
		SplittableRandom random = new SplittableRandom(n);
		FloatMatrix wDown = FloatMatrix.randomNormalByColumns(D_MODEL, NEURONS, 0.5, 40 + n);
		assertThat(wDown.columnMajor()).isTrue();
		float[][] w = rows(wDown);
		float[][] h = reluLike(random, n);
		FloatMatrix activations = FloatMatrix.ofRows(h);
		assertThat(FewTokenProducts.applies(activations, wDown)).isTrue();
		for (float[] b : new float[][] { null, Reference.random(random, 1, D_MODEL, 1)[0] }) {
			String what = "%d tokens, %s".formatted(n, b == null ? "no bias" : "bias");
			FloatMatrix columns = TensorOps.affine(activations, wDown, b);
			TensorOps.choice = TensorOps.KernelChoice.ND4J;
			FloatMatrix gemm = TensorOps.affine(activations, wDown, b);
			TensorOps.choice = TensorOps.KernelChoice.AUTO;
			FloatMatrix rowKernel = TensorOps.affine(activations, FloatMatrix.ofRows(w), b);
			assertCloseForSums(Reference.affine(h, w, b), columns, h, w, b, "column kernel, " + what);
			assertCloseForSums(Reference.affine(h, w, b), gemm, h, w, b, "GEMM on 'f' weights, " + what);
			for (int t = 0; t < n; t++) {
				for (int j = 0; j < D_MODEL; j++) {
					double magnitude = magnitude(h[t], w[j], b == null ? 0 : b[j]);
					assertThat(Math.abs((double) columns.get(t, j) - gemm.get(t, j)))
						.as("against GEMM at %d,%d, %s", t, j, what)
						.isLessThanOrEqualTo(SUM_ORDER_TOLERANCE * magnitude);
					assertThat(Math.abs((double) columns.get(t, j) - rowKernel.get(t, j)))
						.as("against the row kernel at %d,%d, %s", t, j, what)
						.isLessThanOrEqualTo(SUM_ORDER_TOLERANCE * magnitude);
				}
			}
		}
		wDown.close();
	}

	/**
	 * The parts' sums are added in a fixed order: the same pass gives the same bits on
	 * one thread, on three, and on the common pool, again and again (with an accumulator
	 * per thread at work the order, and so the last bits, followed the scheduling).
	 */
	@Test
	void aPassGivesTheSameBitsWhateverTheThreads() throws Exception {
		SplittableRandom random = new SplittableRandom(11);
		FloatMatrix wDown = FloatMatrix.randomNormalByColumns(D_MODEL, NEURONS, 0.5, 12);
		FloatMatrix activations = FloatMatrix.ofRows(reluLike(random, 2));
		float[] first = ColumnProducts.affine(activations, wDown, null).toArray();
		for (int threads : new int[] { 1, 3, 1, 3 }) {
			java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
			try {
				float[] again = pool.submit(() -> ColumnProducts.affine(activations, wDown, null).toArray()).get();
				assertThat(again).as("%d threads", threads).containsExactly(first);
			}
			finally {
				pool.shutdown();
			}
		}
		for (int i = 0; i < 5; i++) {
			assertThat(ColumnProducts.affine(activations, wDown, null).toArray()).containsExactly(first);
		}
		wDown.close();
	}

	/**
	 * A neuron that is zero in every token but the last must still be read: the output is
	 * that one column times its value (plus the bias), and every other token's output is
	 * the bias alone.
	 */
	@Test
	void aNeuronLiveInOneTokenOnlyIsNotSkipped() {
		FloatMatrix wDown = FloatMatrix.randomNormalByColumns(D_MODEL, NEURONS, 1, 3);
		int n = 3;
		int neuron = NEURONS - 2;
		float[] h = new float[n * NEURONS];
		h[(n - 1) * NEURONS + neuron] = 2.5f;
		float[] b = new float[D_MODEL];
		Arrays.fill(b, 0.25f);
		FloatMatrix out = TensorOps.affine(FloatMatrix.of(n, NEURONS, h), wDown, b);
		float[] column = wDown.column(neuron);
		for (int j = 0; j < D_MODEL; j++) {
			assertThat(out.get(0, j)).isEqualTo(0.25f);
			assertThat(out.get(1, j)).isEqualTo(0.25f);
			// one term, rounded once (fused multiply-add) or twice (the scalar tail)
			double expected = 0.25 + 2.5 * column[j];
			double rounding = Math.ulp((float) expected) + Math.ulp(2.5f * column[j]);
			assertThat((double) out.get(2, j)).as("row %d", j).isCloseTo(expected, within(rounding));
		}
		wDown.close();
	}

	@Test
	void allZeroActivationsGiveTheBias() {
		FloatMatrix wDown = FloatMatrix.randomNormalByColumns(D_MODEL, NEURONS, 1, 4);
		float[] b = Reference.random(new SplittableRandom(4), 1, D_MODEL, 1)[0];
		for (int n : new int[] { 1, 5 }) {
			FloatMatrix out = TensorOps.affine(FloatMatrix.of(n, NEURONS, new float[n * NEURONS]), wDown, b);
			for (int t = 0; t < n; t++) {
				assertThat(out.row(t)).isEqualTo(b);
			}
			assertThat(TensorOps.affine(FloatMatrix.of(n, NEURONS, new float[n * NEURONS]), wDown, null).toArray())
				.containsOnly(0f);
		}
		wDown.close();
	}

	@Test
	void liveColumnsAreThoseWithANonZeroInAnyToken() {
		// [2 tokens, 6 neurons]: neuron 1 live in token 0, 3 in token 1, 5 in both
		float[] x = { 0, 1, 0, 0, 0, -2, 0, 0, 0, 3, 0, 4 };
		assertThat(ColumnProducts.Band.liveColumns(x, 2, 6, 0, 6)).containsExactly(1, 3, 5);
		assertThat(ColumnProducts.Band.liveColumns(x, 2, 6, 2, 4)).containsExactly(1, 3);
		assertThat(ColumnProducts.Band.liveColumns(x, 1, 6, 0, 6)).containsExactly(1, 5);
	}

	@Test
	void rowMajorWeightsAreRefused() {
		FloatMatrix rowMajor = FloatMatrix.of(D_MODEL, NEURONS, new float[D_MODEL * NEURONS]);
		assertThatThrownBy(() -> ColumnProducts.affine(FloatMatrix.of(1, NEURONS, new float[NEURONS]), rowMajor, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * Both inner loops on heights around a vector, runs that leave 0–3 columns after the
	 * groups of four (and no column at all), token counts that use every group of tokens
	 * (4, 2, 1), stretches of the whole column, of a few vectors and of an odd length;
	 * only the run {@code [first, first + count)} of the column list is added.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 15, 16, 17, 100, 1_023, 1_025 })
	void bothKernelsMatchTheReference(int m) {
		SplittableRandom random = new SplittableRandom(m);
		int k = 11;
		float[][] w = Reference.random(random, k, m, 1);
		ByteBuffer direct = ByteBuffer.allocateDirect(k * m * Float.BYTES).order(ByteOrder.nativeOrder());
		for (int c = 0; c < k; c++) {
			direct.asFloatBuffer().put(c * m, w[c]);
		}
		for (int count : new int[] { 0, 1, 3, 4, 5, 9 }) {
			int first = 2;
			int[] columns = random.ints(first + count + 3, 0, k).toArray();
			for (int n : new int[] { 1, 2, 3, 5, 8 }) {
				float[] c = Reference.random(random, 1, columns.length * n, 1)[0];
				float[] start = Reference.random(random, 1, n * m, 1)[0];
				for (int stretch : new int[] { m, 48, 37 }) {
					for (ColumnSums sums : new ColumnSums[] { ColumnSums.choose(), new ScalarColumnSums() }) {
						float[] y = start.clone();
						sums.add(direct, m, columns, first, count, c, n, y, stretch);
						for (int t = 0; t < n; t++) {
							for (int r = 0; r < m; r++) {
								double expected = start[t * m + r];
								double magnitude = Math.abs(expected);
								for (int j = first; j < first + count; j++) {
									double term = (double) c[j * n + t] * w[columns[j]][r];
									expected += term;
									magnitude += Math.abs(term);
								}
								assertThat(Math.abs(y[t * m + r] - expected))
									.as("%s, %d columns, %d tokens, stretch %d, y[%d][%d]", sums.name(), count, n,
											stretch, t, r)
									.isLessThanOrEqualTo(Math.max(Reference.TOLERANCE * Math.max(1, Math.abs(expected)),
											SUM_ORDER_TOLERANCE * magnitude));
							}
						}
					}
				}
			}
		}
	}

	@Test
	void theVectorKernelIsUsedWhenItsModuleIsPresent() {
		assertThat(ColumnProducts.kernelName()).startsWith("Vector API");
	}

	/**
	 * [n, NEURONS] activations with ReLU's pattern: about half of each token's values
	 * zero, every seventh neuron zero in every token (its column is never read).
	 */
	private static float[][] reluLike(SplittableRandom random, int n) {
		float[][] h = Reference.random(random, n, NEURONS, 2);
		for (float[] token : h) {
			for (int i = 0; i < NEURONS; i++) {
				if (token[i] < 0 || i % 7 == 0) {
					token[i] = 0;
				}
			}
		}
		return h;
	}

	private static float[][] rows(FloatMatrix m) {
		float[][] rows = new float[m.rows()][];
		for (int r = 0; r < m.rows(); r++) {
			rows[r] = m.row(r);
		}
		return rows;
	}

	private static double magnitude(float[] x, float[] w, float b) {
		double magnitude = Math.abs(b);
		for (int i = 0; i < x.length; i++) {
			magnitude += Math.abs((double) x[i] * w[i]);
		}
		return magnitude;
	}

	private static void assertCloseForSums(double[][] expected, FloatMatrix actual, float[][] x, float[][] w, float[] b,
			String what) {
		for (int t = 0; t < expected.length; t++) {
			for (int j = 0; j < expected[t].length; j++) {
				double tolerance = Math.max(Reference.TOLERANCE * Math.max(1, Math.abs(expected[t][j])),
						SUM_ORDER_TOLERANCE * magnitude(x[t], w[j], b == null ? 0 : b[j]));
				assertThat(Math.abs(actual.get(t, j) - expected[t][j])).as("%s at %d,%d", what, t, j)
					.isLessThanOrEqualTo(tolerance);
			}
		}
	}

}
