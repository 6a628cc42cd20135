package dev.factlab.tensor;

/**
 * The outputs of a SplitMix64 stream (Steele, Lea and Flood, 2014), the source of
 * {@link RandomNormal}'s draws: output {@code j} after state {@code s} is
 * {@code mix64(s + (j + 1)·γ)}, so a buffer of them needs no loop-carried state and runs
 * a vector at a time. Two implementations give the same 64-bit outputs:
 * {@code VectorSplitMix} with the Java Vector API (8 outputs per step with AVX-512; 0.06
 * ns per value against 0.52 on Zen 5, BENCHMARKS.md issue 12), and {@link ScalarSplitMix}
 * (the reference) when the {@code jdk.incubator.vector} module is absent.
 */
interface SplitMixKernel {

	/**
	 * {@code buffer[j] = mix64(state + (j + 1)·γ)} for every {@code j < buffer.length}.
	 * @param buffer a multiple of 8 long. Modified.
	 */
	void outputs(long state, long[] buffer);

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/** The Vector API kernel when its module is present, the scalar one otherwise. */
	static SplitMixKernel choose() {
		return VectorApi.choose(SplitMixKernel.class, SplitMixKernel.class.getPackageName() + ".VectorSplitMix",
				ScalarSplitMix::new);
	}

}
