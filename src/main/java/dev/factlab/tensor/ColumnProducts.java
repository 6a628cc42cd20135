package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FewTokenProducts}' kernel for a column-major {@code w} (an MLP's W_down made by
 * {@link FloatMatrix#randomNormalByColumns}): {@code y[t] = b + Σ_k x[t][k]·w[:, k]},
 * column k of {@code w} being what neuron k writes, contiguous. A neuron whose value is
 * zero for every token (ReLU's zeros: about half of a token's neurons with random
 * weights) adds nothing, so its column is never read: the pass reads only the live
 * neurons' columns. The output is cut into stretches that the cores take in parallel;
 * each stretch's accumulators ({@code n} × {@link #STRETCH} floats) stay in cache while
 * every live column adds its piece ({@link ColumnSums}).
 */
final class ColumnProducts {

	/**
	 * Output floats per stretch: one stretch's piece of four columns (16 KB) stays in L1
	 * while each pair of tokens adds it in.
	 */
	static final int STRETCH = 1024;

	/** {@link #STRETCH}, moved only by benchmarks. */
	static volatile int stretch = STRETCH;

	private static final ColumnSums SUMS = ColumnSums.choose();

	private ColumnProducts() {
	}

	/** The kernel's name, e.g. "Vector API 512-bit", for benchmarks and tests. */
	static String kernelName() {
		return SUMS.name();
	}

	/**
	 * @param x [n, k]. Not modified.
	 * @param w [m, k], column-major off-heap. Not modified.
	 * @param b [m] or null. Not modified.
	 * @return [n, m]
	 */
	static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b) {
		if (!w.columnMajor()) {
			throw new IllegalArgumentException("the column kernel reads column-major off-heap weights only");
		}
		int n = x.rows();
		int k = x.cols();
		int m = w.rows();
		float[] tokens = x.toArray();
		INDArray nd = w.nd();
		// One NIO view spans at most 2 GB: the columns are read through bands of them.
		int perBand = Math.max(1, Integer.MAX_VALUE / Float.BYTES / m);
		Band[] bands = new Band[(k + perBand - 1) / perBand];
		for (int i = 0; i < bands.length; i++) {
			int first = i * perBand;
			int columns = Math.min(k, first + perBand) - first;
			bands[i] = Band.of(FloatViews.bytes(nd, (long) first * m, columns * m), tokens, n, k, first, columns);
		}
		float[] out = new float[Math.multiplyExact(n, m)];
		int size = stretch;
		int stretches = (m + size - 1) / size;
		IntStream.range(0, stretches).parallel().forEach(s -> {
			int from = s * size;
			int to = Math.min(m, from + size);
			if (b != null) {
				for (int t = 0; t < n; t++) {
					System.arraycopy(b, from, out, t * m + from, to - from);
				}
			}
			for (Band band : bands) {
				SUMS.add(band.view(), m, band.live(), band.live().length, band.coefficients(), n, out, from, to);
			}
		});
		java.lang.ref.Reference.reachabilityFence(w);
		return FloatMatrix.adopt(n, m, out);
	}

	/**
	 * Columns {@code [first, first + columns)} of {@code w}: their view, and the live
	 * ones among them with their coefficients.
	 *
	 * @param live [count] the live columns, relative to {@code first}, in order
	 * @param coefficients [count, n] each live column's value for every token
	 */
	record Band(ByteBuffer view, int[] live, float[] coefficients) {

		/**
		 * @param x [n, k] the tokens, row-major. Not modified.
		 */
		static Band of(ByteBuffer view, float[] x, int n, int k, int first, int columns) {
			int[] live = liveColumns(x, n, k, first, columns);
			float[] coefficients = new float[live.length * n];
			for (int j = 0; j < live.length; j++) {
				for (int t = 0; t < n; t++) {
					coefficients[j * n + t] = x[t * k + first + live[j]];
				}
			}
			return new Band(view, live, coefficients);
		}

		/**
		 * @return the columns {@code c} in {@code [0, columns)} for which some token's
		 * {@code x[t][first + c]} is not zero, ascending
		 */
		static int[] liveColumns(float[] x, int n, int k, int first, int columns) {
			int[] live = new int[columns];
			int count = 0;
			for (int c = 0; c < columns; c++) {
				for (int t = 0; t < n; t++) {
					if (x[t * k + first + c] != 0f) {
						live[count++] = c;
						break;
					}
				}
			}
			return java.util.Arrays.copyOf(live, count);
		}

	}

}
