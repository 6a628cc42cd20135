package dev.factlab.tensor;

/** Plain-Java kernels for products too small to be worth an ND4J call. */
final class JavaKernels {

	private JavaKernels() {
	}

	/**
	 * {@code y = x·wᵀ + b} with four accumulators per dot product.
	 * @param x [n, k] row-major. Not modified.
	 * @param w [m, k] row-major. Not modified.
	 * @param b [m] or null. Not modified.
	 * @return [n, m] row-major
	 */
	static float[] affine(float[] x, int n, int k, float[] w, int m, float[] b) {
		float[] out = new float[n * m];
		for (int i = 0; i < n; i++) {
			int xi = i * k;
			for (int j = 0; j < m; j++) {
				int wj = j * k;
				float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
				int t = 0;
				for (; t + 3 < k; t += 4) {
					s0 += x[xi + t] * w[wj + t];
					s1 += x[xi + t + 1] * w[wj + t + 1];
					s2 += x[xi + t + 2] * w[wj + t + 2];
					s3 += x[xi + t + 3] * w[wj + t + 3];
				}
				for (; t < k; t++) {
					s0 += x[xi + t] * w[wj + t];
				}
				out[i * m + j] = (s0 + s1) + (s2 + s3) + (b == null ? 0f : b[j]);
			}
		}
		return out;
	}

}
