package dev.factlab.tensor;

/**
 * GELU ({@code x·Φ(x)}, {@link Activation#GELU}) over float arrays: the pass that every
 * path (heap, off-heap, the transformer's layers) runs, so one implementation gives the
 * same bits everywhere. Two implementations compute exactly the same arithmetic, lane for
 * lane, so they agree bit for bit: {@code VectorGelu} with the Java Vector API (8 doubles
 * per instruction with AVX-512), and {@link ScalarGelu} when the
 * {@code jdk.incubator.vector} module is absent. The arithmetic and its error against the
 * exact GELU are documented on {@link ScalarGelu}.
 */
interface GeluKernel {

	/**
	 * Replaces every {@code values[i]}, {@code from ≤ i < to}, by its GELU.
	 * @param values Modified.
	 */
	void apply(float[] values, int from, int to);

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernel when its module is present, the scalar one otherwise. */
	static GeluKernel choose() {
		return VectorApi.choose(GeluKernel.class, GeluKernel.class.getPackageName() + ".VectorGelu", ScalarGelu::new);
	}

}
