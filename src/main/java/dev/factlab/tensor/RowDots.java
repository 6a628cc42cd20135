package dev.factlab.tensor;

import java.nio.ByteBuffer;

/**
 * The inner loop of {@link FewTokenProducts}: one stretch of a weight row dotted with the
 * same stretch of every token. Two implementations give the same sums up to rounding:
 * {@code VectorRowDots} with the Java Vector API, and {@link ScalarRowDots} when the
 * {@code jdk.incubator.vector} module is absent.
 */
interface RowDots {

	/**
	 * {@code acc[t] += Σ_i w[wFrom + i]·x[t·k + xFrom + i]} for {@code i < length},
	 * {@code t < n}.
	 * @param w a weight stretch. Not modified.
	 * @param x [n, k] row-major tokens. Not modified.
	 * @param acc [≥ n]. Modified.
	 */
	void accumulate(float[] w, int wFrom, int length, float[] x, int k, int xFrom, int n, float[] acc);

	/**
	 * The same sums with the weight stretch read straight from off-heap memory, without
	 * the copy to the heap: {@code w} holds floats in native order from byte
	 * {@code wByteFrom} on. This default copies the stretch into {@code scratch} and
	 * calls {@link #accumulate(float[], int, int, float[], int, int, int, float[])}.
	 * @param w direct, native byte order. Not modified.
	 * @param scratch [≥ length]. Modified.
	 */
	default void accumulate(ByteBuffer w, int wByteFrom, int length, float[] x, int k, int xFrom, int n, float[] acc,
			float[] scratch) {
		w.asFloatBuffer().get(wByteFrom / Float.BYTES, scratch, 0, length);
		accumulate(scratch, 0, length, x, k, xFrom, n, acc);
	}

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernel when its module is present, the scalar one otherwise. */
	static RowDots choose() {
		if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
			try {
				// Loaded by name so that the class, which links against the incubator
				// module, is never touched without it.
				return (RowDots) Class.forName(RowDots.class.getPackageName() + ".VectorRowDots")
					.getDeclaredConstructor()
					.newInstance();
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				return new ScalarRowDots();
			}
		}
		return new ScalarRowDots();
	}

}
