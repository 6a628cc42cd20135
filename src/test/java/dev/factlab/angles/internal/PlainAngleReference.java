package dev.factlab.angles.internal;

/**
 * The angle losses written the obvious way, in double, O(N²·D), for tests: the Gram
 * matrix in full, the lesson's formula term by term, and autograd's chain rule dL/dV = (S
 * + Sᵀ)·V for S = dL/dG.
 */
final class PlainAngleReference {

	private PlainAngleReference() {
	}

	/**
	 * @param v [n × d] row-major
	 */
	static double[][] gram(double[] v, int n, int d) {
		double[][] g = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int k = 0; k < d; k++) {
					sum += v[i * d + k] * v[j * d + k];
				}
				g[i][j] = sum;
			}
		}
		return g;
	}

	/** sum(relu(|G − I| − cutoff)) + n · sum(diag(G − I)²) */
	static double lessonLoss(double[] v, int n, int d, double cutoff) {
		double[][] g = gram(v, n, d);
		double loss = 0;
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double diff = g[i][j] - (i == j ? 1 : 0);
				loss += Math.max(Math.abs(diff) - cutoff, 0);
			}
			double diagonal = g[i][i] - 1;
			loss += n * diagonal * diagonal;
		}
		return loss;
	}

	static double[] lessonGradient(double[] v, int n, int d, double cutoff) {
		double[][] g = gram(v, n, d);
		double[][] s = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double diff = g[i][j] - (i == j ? 1 : 0);
				s[i][j] = (Math.abs(diff) - cutoff > 0) ? Math.signum(diff) : 0;
			}
			s[i][i] += 2.0 * n * (g[i][i] - 1);
		}
		return chainRule(s, v, n, d);
	}

	/** (Σ_{i<j} cos_ij^q)^(1/q), a function of the directions of the rows only. */
	static double smoothMaxLoss(double[] v, int n, int d, int q) {
		double[][] g = gram(normalised(v, n, d), n, d);
		double sum = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				sum += Math.pow(g[i][j], q);
			}
		}
		return Math.pow(sum, 1.0 / q);
	}

	/** The gradient of {@link #smoothMaxLoss} at unit rows {@code v}. */
	static double[] smoothMaxGradient(double[] v, int n, int d, int q) {
		double[][] g = gram(v, n, d);
		double sum = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				sum += Math.pow(g[i][j], q);
			}
		}
		// dL/dG_ij for i < j, split evenly over G_ij and G_ji, which are one variable.
		double[][] s = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				if (i != j) {
					s[i][j] = 0.5 * Math.pow(sum, 1.0 / q - 1) * Math.pow(g[i][j], q - 1);
				}
			}
		}
		// Through the normalisation v/|v| at |v| = 1: the Jacobian I − v vᵀ keeps the
		// tangent part.
		double[] gradient = chainRule(s, v, n, d);
		for (int i = 0; i < n; i++) {
			double along = 0;
			for (int k = 0; k < d; k++) {
				along += gradient[i * d + k] * v[i * d + k];
			}
			for (int k = 0; k < d; k++) {
				gradient[i * d + k] -= along * v[i * d + k];
			}
		}
		return gradient;
	}

	static double[] normalised(double[] v, int n, int d) {
		double[] unit = new double[n * d];
		for (int i = 0; i < n; i++) {
			double sum = 0;
			for (int k = 0; k < d; k++) {
				sum += v[i * d + k] * v[i * d + k];
			}
			for (int k = 0; k < d; k++) {
				unit[i * d + k] = v[i * d + k] / Math.sqrt(sum);
			}
		}
		return unit;
	}

	/** dL/dV = (S + Sᵀ)·V for G = V·Vᵀ. */
	private static double[] chainRule(double[][] s, double[] v, int n, int d) {
		double[] gradient = new double[n * d];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double weight = s[i][j] + s[j][i];
				for (int k = 0; k < d; k++) {
					gradient[i * d + k] += weight * v[j * d + k];
				}
			}
		}
		return gradient;
	}

}
