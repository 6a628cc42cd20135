package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = x·wᵀ + b} for a few tokens and a large off-heap {@code w}: a pass that only
 * has to read {@code w} once, so its speed is the machine's memory bandwidth, not its
 * FLOPS. OpenBLAS's GEMM takes few-row products at a fraction of that bandwidth (a
 * GPT-3-sized block ran 3–4× slower than the 4.8 GB it reads allows); here the rows of
 * {@code w} are split into blocks that every core streams in parallel, each stretch of a
 * row copied once from off-heap memory into a small buffer that stays in L1 and dotted
 * there with every token ({@link RowDots}).
 */
final class FewTokenProducts {

	/**
	 * Most tokens taken this way; beyond them GEMM's reuse of each weight wins (measured
	 * on GPT-3's block on a quiet machine, BENCHMARKS.md: 12 tokens 780 ms here against
	 * GEMM's 1,409 ms; at 16 tokens 868–880 ms against 687–922 ms, no clear winner).
	 */
	static final int MAX_TOKENS = 12;

	/**
	 * The most tokens {@link #applies} takes: {@value #MAX_TOKENS}, moved only by
	 * benchmarks that look for the crossover with GEMM.
	 */
	static volatile int maxTokens = MAX_TOKENS;

	/**
	 * True to copy each stretch of off-heap weights to the heap before dotting it (the
	 * kernel's first version), false to load vectors straight from off-heap memory; the
	 * sums are the same bit for bit. Moved only by benchmarks comparing the two.
	 */
	static volatile boolean copyStretches;

	/** Floats of a weight row dotted at a time: 16 KB, within L1. */
	private static final int STRETCH = 4096;

	/** Row blocks per core, so a core slowed by other work hands blocks to the other. */
	private static final int BLOCKS_PER_CORE = 16;

	private static final RowDots DOTS = RowDots.choose();

	private FewTokenProducts() {
	}

	/** The kernel's name, e.g. "Vector API 512-bit", for benchmarks and health. */
	static String kernelName() {
		return DOTS.name();
	}

	/**
	 * True when this kernel takes {@code x·wᵀ}: at most {@value #MAX_TOKENS} tokens and a
	 * contiguous off-heap {@code w}.
	 */
	static boolean applies(FloatMatrix x, FloatMatrix w) {
		if (x.rows() > maxTokens || w.onHeap()) {
			return false;
		}
		INDArray array = w.nd();
		return array.ordering() == 'c' && array.elementWiseStride() == 1;
	}

	/**
	 * @param x [n ≤ {@value #MAX_TOKENS}, k]. Not modified.
	 * @param w [m, k], off-heap or on the heap. Not modified.
	 * @param b [m] or null. Not modified.
	 * @return [n, m]
	 */
	static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b) {
		int n = x.rows();
		int k = x.cols();
		int m = w.rows();
		float[] tokens = x.toArray();
		float[] out = new float[Math.multiplyExact(n, m)];
		int cores = Runtime.getRuntime().availableProcessors();
		int rowsPerBlock = Math.max(1, (m + cores * BLOCKS_PER_CORE - 1) / (cores * BLOCKS_PER_CORE));
		int blocks = (m + rowsPerBlock - 1) / rowsPerBlock;
		float[] heap = w.heapValues();
		INDArray nd = heap == null ? w.nd() : null;
		IntStream.range(0, blocks).parallel().forEach(block -> {
			int from = block * rowsPerBlock;
			int to = Math.min(m, from + rowsPerBlock);
			if (heap != null) {
				heapRows(heap, from, to, k, tokens, n, m, b, out);
			}
			else if (!copyStretches && (long) (to - from) * k <= Integer.MAX_VALUE / Float.BYTES) {
				offHeapRows(FloatViews.bytes(nd, (long) from * k, (to - from) * k), from, to, k, tokens, n, m, b, out);
			}
			else {
				offHeapRows(FloatViews.view(nd, (long) from * k, (to - from) * k), from, to, k, tokens, n, m, b, out);
			}
		});
		return FloatMatrix.adopt(n, m, out);
	}

	private static void heapRows(float[] w, int from, int to, int k, float[] x, int n, int m, float[] b, float[] out) {
		float[] acc = new float[n];
		for (int r = from; r < to; r++) {
			java.util.Arrays.fill(acc, 0f);
			DOTS.accumulate(w, r * k, k, x, k, 0, n, acc);
			store(acc, r, n, m, b, out);
		}
	}

	/**
	 * @param w rows {@code [from, to)} of the weights, [to − from, k]. Not modified.
	 */
	private static void offHeapRows(FloatBuffer w, int from, int to, int k, float[] x, int n, int m, float[] b,
			float[] out) {
		float[] acc = new float[n];
		float[] stretch = new float[Math.min(STRETCH, k)];
		for (int r = from; r < to; r++) {
			java.util.Arrays.fill(acc, 0f);
			int rowStart = (r - from) * k;
			for (int c = 0; c < k; c += STRETCH) {
				int length = Math.min(STRETCH, k - c);
				w.get(rowStart + c, stretch, 0, length);
				DOTS.accumulate(stretch, 0, length, x, k, c, n, acc);
			}
			store(acc, r, n, m, b, out);
		}
	}

	/**
	 * The same with the weights loaded straight from off-heap memory, no copy
	 * ({@link RowDots#accumulate(ByteBuffer, int, int, float[], int, int, int, float[], float[])}).
	 * @param w rows {@code [from, to)} of the weights, [to − from, k] as native-order
	 * floats, under 2 GB. Not modified.
	 */
	private static void offHeapRows(ByteBuffer w, int from, int to, int k, float[] x, int n, int m, float[] b,
			float[] out) {
		float[] acc = new float[n];
		float[] scratch = new float[Math.min(STRETCH, k)];
		for (int r = from; r < to; r++) {
			java.util.Arrays.fill(acc, 0f);
			int rowStart = (r - from) * k * Float.BYTES;
			for (int c = 0; c < k; c += STRETCH) {
				int length = Math.min(STRETCH, k - c);
				DOTS.accumulate(w, rowStart + c * Float.BYTES, length, x, k, c, n, acc, scratch);
			}
			store(acc, r, n, m, b, out);
		}
	}

	private static void store(float[] acc, int r, int n, int m, float[] b, float[] out) {
		float bias = b == null ? 0f : b[r];
		for (int t = 0; t < n; t++) {
			out[t * m + r] = acc[t] + bias;
		}
	}

}
