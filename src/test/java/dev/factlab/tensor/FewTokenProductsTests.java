package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The few-token kernel against a double-precision triple loop and against ND4J's GEMM on
 * the same off-heap weights, for every token count it takes; and both of its inner loops
 * (Vector API and scalar) against the reference on shapes that leave remainders.
 */
class FewTokenProductsTests {

	/** Rows and width of a weight matrix just large enough to live off-heap. */
	static final int M = 517;

	static final int K = 2_100;

	/**
	 * Two float32 sums of the same terms in different orders differ by a few units of
	 * float32 rounding times the sum of the terms' magnitudes, not of the result (which
	 * cancellation can make small).
	 */
	static final double SUM_ORDER_TOLERANCE = 1e-6;

	@AfterEach
	void automaticKernels() {
		TensorOps.choice = TensorOps.KernelChoice.AUTO;
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 23, 24 })
	void offHeapWeightsMatchTheReferenceAndTheGemm(int n) {
		SplittableRandom random = new SplittableRandom(n);
		float[][] x = Reference.random(random, n, K, 1);
		float[][] w = Reference.random(random, M, K, 0.5);
		float[] b = Reference.random(random, 1, M, 1)[0];
		FloatMatrix weights = FloatMatrix.ofRows(w);
		FloatMatrix tokens = FloatMatrix.ofRows(x);
		assertThat(weights.onHeap()).isFalse();
		assertThat(FewTokenProducts.applies(tokens, weights)).isTrue();

		FloatMatrix fewTokens = TensorOps.affine(tokens, weights, b);
		TensorOps.choice = TensorOps.KernelChoice.ND4J;
		FloatMatrix gemm = TensorOps.affine(tokens, weights, b);

		Reference.assertClose(Reference.affine(x, w, b), fewTokens, "few-token kernel, " + n + " tokens");
		for (int t = 0; t < n; t++) {
			for (int j = 0; j < M; j++) {
				double magnitude = Math.abs(b[j]);
				for (int i = 0; i < K; i++) {
					magnitude += Math.abs((double) x[t][i] * w[j][i]);
				}
				assertThat(Math.abs((double) fewTokens.get(t, j) - gemm.get(t, j))).as("against GEMM at %d,%d", t, j)
					.isLessThanOrEqualTo(SUM_ORDER_TOLERANCE * magnitude);
			}
		}
	}

	@Test
	void moreTokensThanTheKernelTakesGoToGemm() {
		FloatMatrix weights = FloatMatrix.of(M, K, new float[M * K]);
		assertThat(FewTokenProducts.applies(
				FloatMatrix.of(FewTokenProducts.MAX_TOKENS, K, new float[FewTokenProducts.MAX_TOKENS * K]), weights))
			.isTrue();
		int over = FewTokenProducts.MAX_TOKENS + 1;
		assertThat(FewTokenProducts.applies(FloatMatrix.of(over, K, new float[over * K]), weights)).isFalse();
		assertThat(FewTokenProducts.applies(FloatMatrix.of(1, 10, new float[10]), FloatMatrix.of(3, 10, new float[30])))
			.as("heap weights stay with the Java kernel or GEMM")
			.isFalse();
	}

	@Test
	void heapWeightsAreRefused() {
		FloatMatrix heap = FloatMatrix.of(3, 10, new float[30]);
		assertThatThrownBy(() -> FewTokenProducts.affine(FloatMatrix.of(1, 10, new float[10]), heap, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * Both kernels on row counts that leave 0–3 rows after the groups of four, widths
	 * around a vector and around {@link VectorRowDots#STRETCH}, and token counts that use
	 * every group size (4, 2, 1); the columns of {@code y} outside the block stay
	 * untouched.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 15, 16, 17, 100, 2_047, 2_048, 2_049, 4_200 })
	void bothKernelsMatchTheReference(int k) {
		SplittableRandom random = new SplittableRandom(k);
		for (int rows : new int[] { 1, 4, 7, 13, 16 }) {
			float[][] w = Reference.random(random, rows, k, 1);
			ByteBuffer direct = ByteBuffer.allocateDirect(rows * k * Float.BYTES).order(ByteOrder.nativeOrder());
			for (int j = 0; j < rows; j++) {
				direct.asFloatBuffer().put(j * k, w[j]);
			}
			for (int n : new int[] { 1, 2, 3, 4, 5, 7, 8, 13, 16 }) {
				float[][] x = Reference.random(random, n, k, 1);
				float[] flat = new float[n * k];
				for (int t = 0; t < n; t++) {
					System.arraycopy(x[t], 0, flat, t * k, k);
				}
				double[][] expected = Reference.affine(x, w, null);
				int stride = rows + 5;
				int from = 2;
				for (RowDots dots : new RowDots[] { RowDots.choose(), new ScalarRowDots() }) {
					float[] y = new float[n * stride];
					Arrays.fill(y, Float.NaN);
					dots.products(direct, rows, k, flat, n, y, stride, from);
					for (int t = 0; t < n; t++) {
						for (int c = 0; c < stride; c++) {
							String what = "%s, %d rows, %d tokens, y[%d][%d]".formatted(dots.name(), rows, n, t, c);
							if (c < from || c >= from + rows) {
								assertThat(y[t * stride + c]).as(what + " untouched").isNaN();
							}
							else {
								assertCloseForSum(expected[t][c - from], y[t * stride + c], x[t], w[c - from], what);
							}
						}
					}
				}
			}
		}
	}

	/**
	 * Within {@link Reference#TOLERANCE} of the reference, or within
	 * {@link #SUM_ORDER_TOLERANCE} of the sum of the terms' magnitudes (a long float32
	 * sum that cancels to a small value keeps the rounding of its large terms).
	 */
	private static void assertCloseForSum(double expected, float actual, float[] x, float[] w, String what) {
		double magnitude = 0;
		for (int i = 0; i < x.length; i++) {
			magnitude += Math.abs((double) x[i] * w[i]);
		}
		assertThat(Math.abs(actual - expected)).as("%s: expected %s but was %s", what, expected, actual)
			.isLessThanOrEqualTo(
					Math.max(Reference.TOLERANCE * Math.max(1, Math.abs(expected)), SUM_ORDER_TOLERANCE * magnitude));
	}

	@Test
	void theVectorKernelIsUsedWhenItsModuleIsPresent() {
		assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("surefire adds the module").isPresent();
		assertThat(FewTokenProducts.kernelName()).startsWith("Vector API");
	}

}
