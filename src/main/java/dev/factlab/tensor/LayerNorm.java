package dev.factlab.tensor;

/**
 * Layer normalisation over each row: {@code (x − mean)/√(var + ε)·γ + β} with the biased
 * variance of the row, in float32 Vector API lanes ({@link RowKernels}; in double without
 * the module). Large inputs are split into row blocks over every core.
 */
public final class LayerNorm {

	/** Below this many elements the rows stay on the calling thread. */
	private static final int PARALLEL_MIN_ELEMENTS = 1 << 16;

	private static final RowKernels KERNELS = RowKernels.choose();

	private LayerNorm() {
	}

	/**
	 * @param x [n, d]. Not modified.
	 * @param gamma [d]. Not modified.
	 * @param beta [d]. Not modified.
	 * @param epsilon added to the variance
	 * @return [n, d]
	 */
	public static FloatMatrix apply(FloatMatrix x, float[] gamma, float[] beta, double epsilon) {
		return apply(x, null, gamma, beta, epsilon);
	}

	/**
	 * LayerNorm of a residual sum in one pass, {@code LN(x + residual)} (post-norm BERT's
	 * {@code LN(input + sublayer(input))}), without materialising the sum.
	 * @param x [n, d]. Not modified.
	 * @param residual [n, d], or null for {@code LN(x)}. Not modified.
	 * @param gamma [d]. Not modified.
	 * @param beta [d]. Not modified.
	 * @param epsilon added to the variance
	 * @return [n, d]
	 */
	public static FloatMatrix apply(FloatMatrix x, FloatMatrix residual, float[] gamma, float[] beta, double epsilon) {
		int rows = x.rows();
		int d = x.cols();
		if (gamma.length != d || beta.length != d) {
			throw new IllegalArgumentException("LayerNorm of [%d, %d] needs gamma and beta [%d] but got [%d] and [%d]"
				.formatted(rows, d, d, gamma.length, beta.length));
		}
		if (residual != null && (residual.rows() != rows || residual.cols() != d)) {
			throw new IllegalArgumentException("LayerNorm of [%d, %d] plus a residual of [%d, %d]".formatted(rows, d,
					residual.rows(), residual.cols()));
		}
		float[] values = x.heapOrCopy();
		float[] added = residual == null ? null : residual.heapOrCopy();
		float[] out = new float[values.length];
		if ((long) rows * d < PARALLEL_MIN_ELEMENTS) {
			KERNELS.layerNorm(values, added, out, d, 0, rows, gamma, beta, epsilon);
		}
		else {
			int blocks = Runtime.getRuntime().availableProcessors() * 4;
			int perBlock = (rows + blocks - 1) / blocks;
			Sections.run(blocks, b -> KERNELS.layerNorm(values, added, out, d, Math.min(rows, b * perBlock),
					Math.min(rows, (b + 1) * perBlock), gamma, beta, epsilon));
		}
		return FloatMatrix.adopt(rows, d, out);
	}

}
