package dev.factlab.tensor;

/**
 * The elementwise and per-row work of a transformer layer between its GEMMs: GELU,
 * LayerNorm (optionally of a residual sum) and one attention head of one sequence. Two
 * implementations agree up to float32 rounding: {@code VectorRowKernels} with the Java
 * Vector API in float32 lanes, and {@link ScalarRowKernels} in double precision when the
 * {@code jdk.incubator.vector} module is absent. All arrays are row-major.
 */
interface RowKernels {

	/**
	 * {@code out[i] = x·Φ(x)} of {@code x = in[i]} for {@code i} in {@code [from, to)},
	 * the exact GELU through {@link Erfc}'s approximation (fractional error ≈ 10⁻⁷).
	 * @param in Not modified.
	 * @param out Modified; may be {@code in}.
	 */
	void gelu(float[] in, float[] out, int from, int to);

	/**
	 * LayerNorm of rows {@code [rowFrom, rowTo)} of {@code x} (plus {@code residual}):
	 * {@code (s − mean)/√(var + ε)·γ + β} with {@code s = x + residual}, the biased
	 * variance.
	 * @param x [rows, d]. Not modified.
	 * @param residual [rows, d] or null. Not modified.
	 * @param out [rows, d]. Modified (those rows only); may be {@code x}.
	 */
	void layerNorm(float[] x, float[] residual, float[] out, int d, int rowFrom, int rowTo, float[] gamma, float[] beta,
			double epsilon);

	/**
	 * One head of one sequence: {@code softmax(q·kᵀ·scale)·v} over the columns
	 * {@code [col, col + dHead)} of the rows {@code [start, start + length)}.
	 * @param q [tokens, d]. Not modified.
	 * @param k [tokens, d]. Not modified.
	 * @param v [tokens, d]. Not modified.
	 * @param out [tokens, d]. Modified: those rows and columns only.
	 * @param causal true when row i sees only rows up to i
	 */
	void attend(float[] q, float[] k, float[] v, float[] out, int d, int start, int length, int col, int dHead,
			double scale, boolean causal);

	/**
	 * The rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)} of
	 * {@code out = x·wᵀ + b}, with {@code w} given in {@link Panels} of
	 * {@link #affinePanelWidth()} columns. Each output is the bias followed by the terms
	 * in order of {@code p}, one fused multiply-add each, so a value does not depend on
	 * how the rows and columns are split.
	 * @param x [rows, k]. Not modified.
	 * @param panels [n·k]: {@code w [n, k]} in panels. Not modified.
	 * @param b [n] or null. Not modified.
	 * @param out [rows, n]. Modified: that block only.
	 * @param colFrom a multiple of {@link #affinePanelWidth()}
	 * @param colTo a multiple of it, or {@code n}
	 */
	void affine(float[] x, int k, float[] panels, int n, float[] b, float[] out, int rowFrom, int rowTo, int colFrom,
			int colTo);

	/**
	 * Columns of a weight panel, the unit in which {@link #affine} tasks take columns.
	 */
	int affinePanelWidth();

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernels when their module is present, the scalar ones otherwise. */
	static RowKernels choose() {
		return VectorApi.choose(RowKernels.class, RowKernels.class.getPackageName() + ".VectorRowKernels",
				ScalarRowKernels::new);
	}

}
