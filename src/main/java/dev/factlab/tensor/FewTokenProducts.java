package dev.factlab.tensor;

import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = x·wᵀ + b} for a few tokens and a large off-heap {@code w}: a pass that only
 * has to read {@code w} once, so its speed is the machine's memory bandwidth, not its
 * FLOPS. OpenBLAS's GEMM takes few-row products at a fraction of that bandwidth (a
 * GPT-3-sized block ran 3–4× slower than the 4.8 GB it reads allows); here the rows of
 * {@code w} are split into blocks that every core streams in parallel, four rows at a
 * time, straight from off-heap memory into registers, each weight vector dotted there
 * with every token ({@link RowDots}). A column-major {@code w} (an MLP's W_down, one
 * contiguous column per neuron) goes to {@link ColumnProducts}, which reads only the
 * columns of neurons that are not zero for every token.
 */
final class FewTokenProducts {

	/**
	 * Most tokens taken this way; beyond them GEMM's reuse of each weight wins. Measured
	 * on GPT-3's block in two runs (BENCHMARKS.md, issue 12): 24 tokens 446 ms here
	 * against GEMM's 643–807 ms, 32 tokens 551–557 ms against 538–591 (a tie).
	 */
	static final int MAX_TOKENS = 24;

	/**
	 * The most tokens {@link #applies} takes: {@value #MAX_TOKENS}, moved only by
	 * benchmarks that look for the crossover with GEMM.
	 */
	static volatile int maxTokens = MAX_TOKENS;

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
	 * contiguous off-heap {@code w}, row-major or column-major.
	 */
	static boolean applies(FloatMatrix x, FloatMatrix w) {
		return x.rows() <= maxTokens && (w.columnMajor() || offHeapRowMajor(w));
	}

	private static boolean offHeapRowMajor(FloatMatrix w) {
		if (w.onHeap()) {
			return false;
		}
		INDArray array = w.nd();
		return array.ordering() == 'c' && array.elementWiseStride() == 1;
	}

	/**
	 * @param x [n, k], any n (the kernel's cost grows with n; {@link #applies} bounds
	 * it). Not modified.
	 * @param w [m, k], contiguous off-heap, row-major or column-major. Not modified.
	 * @param b [m] or null. Not modified.
	 * @return [n, m]
	 */
	static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b) {
		if (w.columnMajor()) {
			return ColumnProducts.affine(x, w, b);
		}
		if (!offHeapRowMajor(w)) {
			throw new IllegalArgumentException("the few-token kernel reads contiguous off-heap weights only");
		}
		int n = x.rows();
		int k = x.cols();
		int m = w.rows();
		float[] tokens = x.toArray();
		float[] out = new float[Math.multiplyExact(n, m)];
		int cores = Runtime.getRuntime().availableProcessors();
		int rowsPerBlock = roundUpToFour((m + cores * BLOCKS_PER_CORE - 1) / (cores * BLOCKS_PER_CORE));
		// One NIO view per block, and a view spans at most 2 GB.
		rowsPerBlock = Math.max(1, Math.min(rowsPerBlock, Integer.MAX_VALUE / Float.BYTES / k));
		int perBlock = rowsPerBlock;
		int blocks = (m + perBlock - 1) / perBlock;
		INDArray nd = w.nd();
		IntStream.range(0, blocks).parallel().forEach(block -> {
			int from = block * perBlock;
			int rows = Math.min(m, from + perBlock) - from;
			DOTS.products(FloatViews.bytes(nd, (long) from * k, rows * k), rows, k, tokens, n, out, m, from);
			if (b != null) {
				for (int t = 0; t < n; t++) {
					for (int j = from; j < from + rows; j++) {
						out[t * m + j] += b[j];
					}
				}
			}
		});
		return FloatMatrix.adopt(n, m, out);
	}

	private static int roundUpToFour(int rows) {
		return (rows + 3) & ~3;
	}

}
