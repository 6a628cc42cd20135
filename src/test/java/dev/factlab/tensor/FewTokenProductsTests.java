package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The few-token kernel against a double-precision triple loop and against ND4J's GEMM on
 * the same off-heap weights, for every token count it takes; and both of its inner loops
 * (Vector API and scalar) against the reference on lengths that leave remainders.
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
	@ValueSource(ints = { 1, 2, 3, 4, 5, 7, 8, 9, 11, 12 })
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
	void heapWeightsWithoutBiasMatchTheReference() {
		SplittableRandom random = new SplittableRandom(99);
		float[][] x = Reference.random(random, 6, 300, 1);
		float[][] w = Reference.random(random, 70, 300, 0.5);
		FloatMatrix y = FewTokenProducts.affine(FloatMatrix.ofRows(x), FloatMatrix.ofRows(w), null);
		Reference.assertClose(Reference.affine(x, w, null), y, "heap weights");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 15, 16, 17, 33, 100, 4_099 })
	void bothInnerLoopsMatchTheReference(int length) {
		SplittableRandom random = new SplittableRandom(length);
		int n = 7;
		int offset = 3;
		float[] w = Reference.random(random, 1, length + offset, 1)[0];
		float[][] x = Reference.random(random, n, length + 5, 1);
		float[] flat = new float[n * (length + 5)];
		for (int t = 0; t < n; t++) {
			System.arraycopy(x[t], 0, flat, t * (length + 5), length + 5);
		}
		for (RowDots dots : new RowDots[] { RowDots.choose(), new ScalarRowDots() }) {
			float[] acc = new float[n];
			acc[2] = 1.5f;
			dots.accumulate(w, offset, length, flat, length + 5, 2, n, acc);
			for (int t = 0; t < n; t++) {
				double expected = t == 2 ? 1.5 : 0;
				for (int i = 0; i < length; i++) {
					expected += (double) w[offset + i] * x[t][2 + i];
				}
				Reference.assertClose(expected, acc[t], dots.name() + " token " + t);
			}
		}
	}

	/**
	 * The off-heap loads (no copy) do the array version's arithmetic in its order: the
	 * same sums bit for bit, so the kernel's results don't depend on which one ran.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 15, 16, 17, 33, 100, 4_099 })
	void offHeapLoadsGiveTheSameBitsAsTheArrayLoop(int length) {
		SplittableRandom random = new SplittableRandom(length + 1);
		int offset = 3;
		float[] w = Reference.random(random, 1, length + offset, 1)[0];
		java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(w.length * Float.BYTES)
			.order(java.nio.ByteOrder.nativeOrder());
		direct.asFloatBuffer().put(w);
		for (int n : new int[] { 1, 3, 4, 7, 8 }) {
			float[] flat = Reference.random(random, 1, n * (length + 5), 1)[0];
			for (RowDots dots : new RowDots[] { RowDots.choose(), new ScalarRowDots() }) {
				float[] fromArray = new float[n];
				float[] fromMemory = new float[n];
				fromArray[1 % n] = 0.25f;
				fromMemory[1 % n] = 0.25f;
				dots.accumulate(w, offset, length, flat, length + 5, 2, n, fromArray);
				dots.accumulate(direct, offset * Float.BYTES, length, flat, length + 5, 2, n, fromMemory,
						new float[length]);
				assertThat(fromMemory).as("%s, %d tokens", dots.name(), n).isEqualTo(fromArray);
			}
		}
	}

	@Test
	void theVectorKernelIsUsedWhenItsModuleIsPresent() {
		assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("surefire adds the module").isPresent();
		assertThat(FewTokenProducts.kernelName()).startsWith("Vector API");
	}

}
