package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FewTokenProducts}' kernel for a column-major {@code w} (an MLP's W_down made by
 * {@link FloatMatrix#randomNormalByColumns}): {@code y[t] = b + Σ_k x[t][k]·w[:, k]},
 * column k of {@code w} being what neuron k writes, contiguous. A neuron whose value is
 * zero for every token (ReLU's zeros: about half of a token's neurons with random
 * weights) adds nothing, so its column is never read: the pass reads only the live
 * neurons' columns. The live columns are cut into {@value #PARTS} parts that the cores
 * take in parallel, each streaming whole columns ({@link ColumnSums}) into an accumulator
 * of its own, added in order at the end, so a pass gives the same bits every time.
 */
final class ColumnProducts {

	/**
	 * Floats of each column added into every group of tokens before the next stretch,
	 * with more than four tokens: four columns' pieces (16 KB) stay in L1. Up to four
	 * tokens take whole columns (each weight is read once). Against 2,048 on GPT-3's
	 * W_down: 8 tokens 1.03–1.05× the row kernel's time against 1.11–1.22×, 16 tokens
	 * 1.21–1.23× against 1.14–1.18× (BENCHMARKS.md, issue 12).
	 */
	static final int STRETCH = 1024;

	/**
	 * Parts the live columns are cut into, each with an accumulator of its own: enough
	 * for a core slowed by other work to hand some over, and a constant, so that the sums
	 * are added in the same order on every machine.
	 */
	static final int PARTS = 8;

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
		List<Band> bands = new ArrayList<>();
		int live = 0;
		for (int first = 0; first < k; first += perBand) {
			int columns = Math.min(k, first + perBand) - first;
			Band band = Band.of(FloatViews.bytes(nd, (long) first * m, columns * m), tokens, n, k, first, columns);
			bands.add(band);
			live += band.live().length;
		}
		// Live columns cut into PARTS parts (and at band ends), each summed in order into
		// its own accumulator, the parts then added in order: the same bits on every run
		// and machine, whichever thread takes which part.
		int perPart = Math.max(4, (live + PARTS - 1) / PARTS);
		List<List<Run>> parts = new ArrayList<>();
		int before = 0;
		for (Band band : bands) {
			int first = 0;
			while (first < band.live().length) {
				int part = (before + first) / perPart;
				int count = Math.min(band.live().length - first, (part + 1) * perPart - before - first);
				if (part == parts.size()) {
					parts.add(new ArrayList<>());
				}
				parts.get(part).add(new Run(band, first, count));
				first += count;
			}
			before += band.live().length;
		}
		int size = n <= 4 ? m : STRETCH;
		float[][] sums = new float[parts.size()][];
		IntStream.range(0, parts.size()).parallel().forEach(part -> {
			float[] partSums = new float[n * m];
			for (Run run : parts.get(part)) {
				Band band = run.band();
				SUMS.add(band.view(), m, band.live(), run.first(), run.count(), band.coefficients(), n, partSums, size);
			}
			sums[part] = partSums;
		});
		java.lang.ref.Reference.reachabilityFence(w);
		float[] out = new float[Math.multiplyExact(n, m)];
		if (b != null) {
			for (int t = 0; t < n; t++) {
				System.arraycopy(b, 0, out, t * m, m);
			}
		}
		for (float[] partSums : sums) {
			for (int i = 0; i < out.length; i++) {
				out[i] += partSums[i];
			}
		}
		return FloatMatrix.adopt(n, m, out);
	}

	/** Live columns {@code [first, first + count)} of {@code band}'s list. */
	private record Run(Band band, int first, int count) {
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
			return Arrays.copyOf(live, count);
		}

	}

}
