package dev.factlab.tensor;

/**
 * {@link SplitMixKernel} in plain Java: the reference that {@code VectorSplitMix} must
 * match, and the kernel when the Vector API is absent.
 */
final class ScalarSplitMix implements SplitMixKernel {

	@Override
	public void outputs(long state, long[] buffer) {
		for (int j = 0; j < buffer.length; j++) {
			buffer[j] = RandomNormal.mix64(state + (j + 1) * RandomNormal.GOLDEN_GAMMA);
		}
	}

	@Override
	public String name() {
		return "scalar";
	}

}
