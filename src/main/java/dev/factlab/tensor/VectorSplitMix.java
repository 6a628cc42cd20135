package dev.factlab.tensor;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SplitMixKernel} with the Java Vector API: {@link RandomNormal#mix64} on a vector
 * of 64-bit lanes, the same integer arithmetic, so the same outputs. Loaded by name from
 * {@link SplitMixKernel#choose()} only when the {@code jdk.incubator.vector} module is
 * present. 0.06 ns per value against the scalar loop's 0.52 on Zen 5 (BENCHMARKS.md,
 * issue 12).
 */
final class VectorSplitMix implements SplitMixKernel {

	private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

	private static final int LANES = LONGS.length();

	/** Lane j: (j + 1)·γ. */
	private static final LongVector STEPS = LongVector.zero(LONGS).addIndex(1).add(1).mul(RandomNormal.GOLDEN_GAMMA);

	@Override
	public void outputs(long state, long[] buffer) {
		int j = 0;
		for (; j + LANES <= buffer.length; j += LANES) {
			LongVector z = STEPS.add(state + j * RandomNormal.GOLDEN_GAMMA);
			z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
			z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
			z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31)).intoArray(buffer, j);
		}
		for (; j < buffer.length; j++) {
			buffer[j] = RandomNormal.mix64(state + (j + 1) * RandomNormal.GOLDEN_GAMMA);
		}
	}

	@Override
	public String name() {
		return "Vector API " + LONGS.vectorBitSize() + "-bit";
	}

}
