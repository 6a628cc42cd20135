package dev.factlab.tensor;

/**
 * {@link RowKernels} in plain Java, accumulating in double: the reference the vector
 * kernels are tested against, and the fallback without {@code jdk.incubator.vector}.
 */
final class ScalarRowKernels implements RowKernels {

	/** Columns of a weight panel for {@link #affine}. */
	private static final int PANEL_WIDTH = 64;

	@Override
	public void gelu(float[] in, float[] out, int from, int to) {
		for (int i = from; i < to; i++) {
			out[i] = (float) Activation.GELU.apply(in[i]);
		}
	}

	@Override
	public void layerNorm(float[] x, float[] residual, float[] out, int d, int rowFrom, int rowTo, float[] gamma,
			float[] beta, double epsilon) {
		float[] row = new float[d];
		for (int r = rowFrom; r < rowTo; r++) {
			int off = r * d;
			double sum = 0;
			for (int i = 0; i < d; i++) {
				row[i] = residual == null ? x[off + i] : x[off + i] + residual[off + i];
				sum += row[i];
			}
			double mean = sum / d;
			double squares = 0;
			for (int i = 0; i < d; i++) {
				double c = row[i] - mean;
				squares += c * c;
			}
			double inv = 1 / Math.sqrt(squares / d + epsilon);
			for (int i = 0; i < d; i++) {
				out[off + i] = (float) ((row[i] - mean) * inv * gamma[i] + beta[i]);
			}
		}
	}

	@Override
	public void attend(float[] q, float[] k, float[] v, float[] out, int d, int start, int length, int col, int dHead,
			double scale, boolean causal) {
		double[] weights = new double[length];
		double[] acc = new double[dHead];
		for (int i = 0; i < length; i++) {
			int qi = (start + i) * d + col;
			int visible = causal ? i + 1 : length;
			double max = Double.NEGATIVE_INFINITY;
			for (int j = 0; j < visible; j++) {
				int kj = (start + j) * d + col;
				float dot = 0;
				for (int t = 0; t < dHead; t++) {
					dot += q[qi + t] * k[kj + t];
				}
				weights[j] = dot * scale;
				max = Math.max(max, weights[j]);
			}
			double sum = 0;
			for (int j = 0; j < visible; j++) {
				weights[j] = Math.exp(weights[j] - max);
				sum += weights[j];
			}
			java.util.Arrays.fill(acc, 0);
			for (int j = 0; j < visible; j++) {
				double w = weights[j] / sum;
				int vj = (start + j) * d + col;
				for (int t = 0; t < dHead; t++) {
					acc[t] += w * v[vj + t];
				}
			}
			for (int t = 0; t < dHead; t++) {
				out[(start + i) * d + col + t] = (float) acc[t];
			}
		}
	}

	@Override
	public void affine(float[] x, int k, float[] panels, int n, float[] b, float[] out, int rowFrom, int rowTo,
			int colFrom, int colTo) {
		for (int j = colFrom; j < colTo; j++) {
			int panel = j - j % PANEL_WIDTH;
			int width = Math.min(PANEL_WIDTH, n - panel);
			int w = panel * k + j - panel;
			for (int i = rowFrom; i < rowTo; i++) {
				float sum = b == null ? 0f : b[j];
				for (int p = 0; p < k; p++) {
					sum = Math.fma(x[i * k + p], panels[w + p * width], sum);
				}
				out[i * n + j] = sum;
			}
		}
	}

	@Override
	public int affinePanelWidth() {
		return PANEL_WIDTH;
	}

	@Override
	public String name() {
		return "scalar";
	}

}
