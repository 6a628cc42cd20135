package dev.factlab.tensor;

import java.nio.ByteBuffer;

/**
 * The inner loop of {@link FewTokenProducts}: a block of weight rows, read straight from
 * off-heap memory, dotted with every token. Two implementations give the same sums up to
 * rounding: {@code VectorRowDots} with the Java Vector API, and {@link ScalarRowDots}
 * when the {@code jdk.incubator.vector} module is absent.
 */
interface RowDots {

	/**
	 * {@code y[t·yStride + yFrom + j] = Σ_i w[j·k + i]·x[t·k + i]} for {@code j < rows},
	 * {@code t < n}, {@code i < k}.
	 * @param w [rows, k] floats in native byte order from byte 0 on, direct. Not
	 * modified.
	 * @param x [n, k] row-major tokens. Not modified.
	 * @param y [n, yStride] row-major; only columns {@code [yFrom, yFrom + rows)} are
	 * written. Modified.
	 */
	void products(ByteBuffer w, int rows, int k, float[] x, int n, float[] y, int yStride, int yFrom);

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernel when its module is present, the scalar one otherwise. */
	static RowDots choose() {
		return VectorApi.choose(RowDots.class, RowDots.class.getPackageName() + ".VectorRowDots", ScalarRowDots::new);
	}

}
