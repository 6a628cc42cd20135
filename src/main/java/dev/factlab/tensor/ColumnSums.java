package dev.factlab.tensor;

import java.nio.ByteBuffer;

/**
 * The inner loop of {@link ColumnProducts}: a few tokens' outputs accumulated from the
 * columns of a column-major weight matrix, one column per live neuron, over one stretch
 * of the output. Two implementations give the same sums up to rounding:
 * {@code VectorColumnSums} with the Java Vector API, and {@link ScalarColumnSums} (the
 * reference) when the {@code jdk.incubator.vector} module is absent.
 */
interface ColumnSums {

	/**
	 * {@code y[t·m + r] += Σ_j c[j·n + t] · w[columns[j]·m + r]} for
	 * {@code first ≤ j < first + count}, {@code t < n}, {@code r < m}.
	 * @param w columns of {@code m} floats each in native byte order from byte 0 on,
	 * direct. Not modified.
	 * @param columns the indices into {@code w} of the columns to add: entries
	 * {@code [first, first + count)}. Not modified.
	 * @param c [columns.length, n] each column's coefficient for every token. Not
	 * modified.
	 * @param y [n, m] row-major. Modified.
	 * @param stretch floats of each column added into every token before the next stretch
	 * (so that they stay in cache while several groups of tokens read them)
	 */
	void add(ByteBuffer w, int m, int[] columns, int first, int count, float[] c, int n, float[] y, int stretch);

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernel when its module is present, the scalar one otherwise. */
	static ColumnSums choose() {
		return VectorApi.choose(ColumnSums.class, ColumnSums.class.getPackageName() + ".VectorColumnSums",
				ScalarColumnSums::new);
	}

}
