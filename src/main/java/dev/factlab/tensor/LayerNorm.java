package dev.factlab.tensor;

/**
 * Layer normalisation over each row: {@code (x − mean)/√(var + ε)·γ + β}, with the mean
 * and the (biased) variance of the row accumulated in double.
 */
public final class LayerNorm {

	private LayerNorm() {
	}

	/**
	 * @param x [n, d]. Not modified.
	 * @param gamma [d]. Not modified.
	 * @param beta [d]. Not modified.
	 * @param epsilon added to the variance
	 * @return [n, d]
	 */
	public static FloatMatrix apply(FloatMatrix x, float[] gamma, float[] beta, double epsilon) {
		int d = x.cols();
		if (gamma.length != d || beta.length != d) {
			throw new IllegalArgumentException("LayerNorm of [%d, %d] needs gamma and beta [%d] but got [%d] and [%d]"
				.formatted(x.rows(), d, d, gamma.length, beta.length));
		}
		float[] values = x.toArray();
		for (int r = 0; r < x.rows(); r++) {
			int off = r * d;
			double sum = 0;
			for (int i = 0; i < d; i++) {
				sum += values[off + i];
			}
			double mean = sum / d;
			double squares = 0;
			for (int i = 0; i < d; i++) {
				double c = values[off + i] - mean;
				squares += c * c;
			}
			double inv = 1 / Math.sqrt(squares / d + epsilon);
			for (int i = 0; i < d; i++) {
				values[off + i] = (float) ((values[off + i] - mean) * inv * gamma[i] + beta[i]);
			}
		}
		return FloatMatrix.adopt(x.rows(), d, values);
	}

}
