package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ForkJoinPool;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The seeded parallel generator: the same values whatever the thread count, and the
 * documented distribution, checked against the normal CDF from Apache Commons Math.
 */
class RandomNormalTests {

	/** [700, 2,000]: 1.4 M values, off-heap, 22 blocks. */
	static final int ROWS = 700;

	static final int COLS = 2_000;

	/** Row-major and column-major ({@link RandomNormal#byColumns}) alike. */
	@Test
	void theSameSeedGivesTheSameValuesOnOneThreadAndOnMany() {
		ForkJoinPool one = new ForkJoinPool(1);
		ForkJoinPool three = new ForkJoinPool(3);
		try {
			FloatMatrix single = RandomNormal.matrix(ROWS, COLS, 0.5, 42, one);
			FloatMatrix many = RandomNormal.matrix(ROWS, COLS, 0.5, 42, three);
			assertThat(single.onHeap()).isFalse();
			assertThat(many.toArray()).isEqualTo(single.toArray());
			assertThat(RandomNormal.matrix(ROWS, COLS, 0.5, 43, three).toArray()).isNotEqualTo(single.toArray());
			FloatMatrix singleByColumns = RandomNormal.byColumns(ROWS, COLS, 0.5, 42, one);
			FloatMatrix manyByColumns = RandomNormal.byColumns(ROWS, COLS, 0.5, 42, three);
			assertThat(singleByColumns.columnMajor()).isTrue();
			assertThat(manyByColumns.toArray()).as("column-major").isEqualTo(singleByColumns.toArray());
		}
		finally {
			one.shutdown();
			three.shutdown();
		}
	}

	@Test
	void theVectorKernelIsUsedWhenTheModuleIsPresent() {
		assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("surefire adds the module").isPresent();
		assertThat(RandomNormal.KERNEL.name()).startsWith("Vector API");
	}

	/** SplitMix64's outputs, from states spread over the whole range. */
	@Test
	void bothKernelsGiveTheSameOutputs() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(3);
		long[] vector = new long[256];
		long[] scalar = new long[256];
		for (int k = 0; k < 1_000; k++) {
			long state = k == 0 ? Long.MAX_VALUE : random.nextLong();
			RandomNormal.KERNEL.outputs(state, vector);
			new ScalarSplitMix().outputs(state, scalar);
			assertThat(vector).as("state %d", state).isEqualTo(scalar);
			assertThat(scalar[255]).isEqualTo(RandomNormal.mix64(state + 256 * RandomNormal.GOLDEN_GAMMA));
		}
	}

	/**
	 * Blocks of any length from any offset (whole vectors, remainders, an odd last
	 * value), with the slow path's extra draws in between: ≈ 2.4 M values, ≈ 29,000 of
	 * them slow.
	 */
	@Test
	void bothKernelsGiveTheSameBits() {
		int[] lengths = { 1, 2, 3, 15, 16, 17, 31, 32, 33, 511, 512, 513, 1_000, RandomNormal.BLOCK - 1,
				RandomNormal.BLOCK };
		SplitMixKernel scalarKernel = new ScalarSplitMix();
		for (int block = 0; block < 36; block++) {
			int length = lengths[block % lengths.length];
			int from = block % 5;
			float[] vector = new float[from + length + 3];
			float[] scalar = new float[from + length + 3];
			double std = block % 2 == 0 ? 1 : 0.02;
			RandomNormal.fill(vector, from, length, std, 77 + block, block, RandomNormal.KERNEL);
			RandomNormal.fill(scalar, from, length, std, 77 + block, block, scalarKernel);
			for (int i = 0; i < vector.length; i++) {
				if (Float.floatToRawIntBits(vector[i]) != Float.floatToRawIntBits(scalar[i])) {
					assertThat(vector[i]).as("block %d, length %d, value %d", block, length, i).isEqualTo(scalar[i]);
				}
			}
		}
	}

	/**
	 * The wedge test's shortcut gives StrictMath's answer: for exponents over the
	 * ziggurat's range, heights far from, near, at and one ulp either side of
	 * {@code StrictMath.exp(v)}.
	 */
	@Test
	void theWedgeTestAgreesWithStrictMath() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(5);
		for (int i = 0; i < 200_000; i++) {
			double v = -random.nextDouble() * 6;
			double exact = StrictMath.exp(v);
			double[] heights = { exact, Math.nextUp(exact), Math.nextDown(exact), exact + 3 * Math.ulp(exact),
					exact - 5 * Math.ulp(exact), exact * (1 + 1e-9), random.nextDouble() };
			for (double height : heights) {
				assertThat(RandomNormal.below(height, v)).as("height %s, v %s", height, v).isEqualTo(height < exact);
			}
		}
	}

	/**
	 * The bits a seed gives are part of the contract (a model created with {@code random}
	 * and a seed is the same on every machine and in every version): this hash was
	 * computed by the generator as of commit ad179b9, before its fast path was inlined
	 * and its off-heap memory allocated untouched, by {@code 31·h + floatToRawIntBits(v)}
	 * over the row-major values from h = 1125899906842597.
	 */
	@Test
	void aSeedGivesTheSameBitsAsTheGeneratorAlwaysHas() {
		float[] values = RandomNormal.matrix(ROWS, COLS, 0.5, 42).toArray();
		long hash = 1125899906842597L;
		for (float v : values) {
			hash = 31 * hash + Float.floatToRawIntBits(v);
		}
		assertThat(values[0]).isEqualTo(0.33458543f);
		assertThat(values[1]).isEqualTo(-0.15460187f);
		assertThat(values[values.length - 1]).isEqualTo(-0.3853897f);
		assertThat(hash).isEqualTo(7607366972975296175L);
	}

	@Test
	void aBlockIsTheSameOnTheHeapAndOffHeap() {
		float[] offHeap = RandomNormal.matrix(ROWS, COLS, 2, 9).toArray();
		float[] heap = RandomNormal.matrix(1, RandomNormal.BLOCK + 3, 2, 9).toArray();
		for (int i = 0; i < heap.length; i++) {
			assertThat(heap[i]).as("value %d", i).isEqualTo(offHeap[i]);
		}
	}

	@Test
	void valuesFollowTheDocumentedNormal() {
		double std = 0.02;
		float[] values = FloatMatrix.randomNormal(ROWS, COLS, std, 1).toArray();
		int n = values.length;
		double sum = 0;
		double sumOfSquares = 0;
		double[] edges = { -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3 };
		long[] below = new long[edges.length];
		for (float v : values) {
			double z = v / std;
			sum += z;
			sumOfSquares += z * z;
			for (int e = 0; e < edges.length; e++) {
				if (z < edges[e]) {
					below[e]++;
				}
			}
		}
		double mean = sum / n;
		double variance = sumOfSquares / n - mean * mean;
		// Five standard errors: mean's is 1/√n, the variance's √(2/n).
		assertThat(Math.abs(mean)).isLessThan(5 / Math.sqrt(n));
		assertThat(Math.abs(variance - 1)).isLessThan(5 * Math.sqrt(2.0 / n));
		for (int e = 0; e < edges.length; e++) {
			double expected = 0.5 * Erf.erfc(-edges[e] / Math.sqrt(2));
			double standardError = Math.sqrt(expected * (1 - expected) / n);
			assertThat(Math.abs((double) below[e] / n - expected)).as("P(z < %s)", edges[e])
				.isLessThan(5 * standardError);
		}
	}

}
