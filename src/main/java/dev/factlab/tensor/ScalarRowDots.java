package dev.factlab.tensor;

/** {@link RowDots} in plain Java, four accumulators per dot product. */
final class ScalarRowDots implements RowDots {

	@Override
	public void accumulate(float[] w, int wFrom, int length, float[] x, int k, int xFrom, int n, float[] acc) {
		for (int t = 0; t < n; t++) {
			int xi = t * k + xFrom;
			float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			int i = 0;
			for (; i + 3 < length; i += 4) {
				s0 += w[wFrom + i] * x[xi + i];
				s1 += w[wFrom + i + 1] * x[xi + i + 1];
				s2 += w[wFrom + i + 2] * x[xi + i + 2];
				s3 += w[wFrom + i + 3] * x[xi + i + 3];
			}
			for (; i < length; i++) {
				s0 += w[wFrom + i] * x[xi + i];
			}
			acc[t] += (s0 + s1) + (s2 + s3);
		}
	}

	@Override
	public String name() {
		return "scalar";
	}

}
