package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transformer's row kernels (GELU, LayerNorm, one attention head), Vector API and
 * scalar, against double-precision references written here: Commons Math's erfc for GELU,
 * the textbook formulas for LayerNorm and attention. Shapes leave remainders after the
 * vector lanes; attention runs causal and not, over several sequences at once.
 */
class RowKernelsTests {

	static final RowKernels VECTOR = RowKernels.choose();

	static final RowKernels SCALAR = new ScalarRowKernels();

	@Test
	void theVectorKernelsAreTheOnesChosenHere() {
		// surefire adds jdk.incubator.vector, so the tests below exercise the vector code
		assertThat(VECTOR).isInstanceOf(VectorRowKernels.class);
	}

	@Test
	void vectorExpIsWithinTwoUlpsOfMathExp() {
		float[] xs = new float[200_001];
		for (int i = 0; i < xs.length; i++) {
			xs[i] = -87f + 175f * i / (xs.length - 1);
		}
		double worst = 0;
		for (float x : xs) {
			float ours = VectorRowKernels.exp(x);
			double expected = Math.exp(x);
			worst = Math.max(worst, Math.abs(ours - expected) / expected);
		}
		assertThat(worst).isLessThan(2.5e-7);
	}

	@Test
	void geluMatchesCommonsMathErfcAndTheScalarKernel() {
		SplittableRandom random = new SplittableRandom(7);
		float[] in = new float[10_003];
		for (int i = 0; i < in.length; i++) {
			in[i] = i < 2_400 ? -12f + 0.01f * i : (float) ((random.nextDouble() * 2 - 1) * 8);
		}
		float[] vector = new float[in.length];
		float[] scalar = new float[in.length];
		VECTOR.gelu(in, vector, 0, in.length);
		SCALAR.gelu(in, scalar, 0, in.length);
		for (int i = 0; i < in.length; i++) {
			double expected = Reference.activation("gelu", in[i]);
			// Numerical Recipes' erfc has fractional error 1.2e-7 and float32 arithmetic
			// adds a
			// few ulps; in the negative tail the float exponent −z² (z = x/√2) is off by
			// up
			// to an ulp of z², a fractional error of ≈ 6e-8·z² (7e-6 at x = −10.6, where
			// GELU is −2e-25)
			double zSquared = in[i] * in[i] / 2.0;
			double tolerance = (1e-6 + 2.4e-7 * zSquared) * Math.abs(expected) + 1e-38;
			assertThat(Math.abs(vector[i] - expected)).as("vector gelu(%s)", in[i]).isLessThanOrEqualTo(tolerance);
			assertThat(Math.abs(scalar[i] - expected)).as("scalar gelu(%s)", in[i]).isLessThanOrEqualTo(tolerance);
		}
	}

	@Test
	void geluGivesTheSameBitsWhereverAValueSitsInTheArray() {
		SplittableRandom random = new SplittableRandom(11);
		float[] in = new float[101];
		for (int i = 0; i < in.length; i++) {
			in[i] = (float) ((random.nextDouble() * 2 - 1) * 6);
		}
		float[] whole = new float[in.length];
		VECTOR.gelu(in, whole, 0, in.length);
		for (int from = 1; from < 20; from++) {
			float[] part = new float[in.length];
			VECTOR.gelu(in, part, from, in.length);
			for (int i = from; i < in.length; i++) {
				assertThat(part[i]).as("from %d, element %d", from, i).isEqualTo(whole[i]);
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "5, 384, false", "7, 50, true", "3, 16, true", "4, 1, false" })
	void layerNormMatchesTheFormula(int rows, int d, boolean withResidual) {
		SplittableRandom random = new SplittableRandom(rows * 1000 + d);
		float[][] x = Reference.random(random, rows, d, 3);
		float[][] residual = withResidual ? Reference.random(random, rows, d, 2) : null;
		float[] gamma = Reference.random(random, 1, d, 1.5)[0];
		float[] beta = Reference.random(random, 1, d, 0.5)[0];
		double epsilon = 1e-12;
		FloatMatrix ours = LayerNorm.apply(FloatMatrix.ofRows(x), withResidual ? FloatMatrix.ofRows(residual) : null,
				gamma, beta, epsilon);
		for (RowKernels kernels : new RowKernels[] { VECTOR, SCALAR }) {
			float[] out = new float[rows * d];
			kernels.layerNorm(FloatMatrix.ofRows(x).toArray(),
					withResidual ? FloatMatrix.ofRows(residual).toArray() : null, out, d, 0, rows, gamma, beta,
					epsilon);
			for (int r = 0; r < rows; r++) {
				double[] s = new double[d];
				double mean = 0;
				for (int i = 0; i < d; i++) {
					s[i] = x[r][i] + (withResidual ? residual[r][i] : 0f);
					mean += s[i] / d;
				}
				double variance = 0;
				for (int i = 0; i < d; i++) {
					variance += (s[i] - mean) * (s[i] - mean) / d;
				}
				for (int i = 0; i < d; i++) {
					double expected = (s[i] - mean) / Math.sqrt(variance + epsilon) * gamma[i] + beta[i];
					Reference.assertClose(expected, out[r * d + i], kernels.name() + " row " + r + " col " + i);
					Reference.assertClose(expected, ours.get(r, i), "LayerNorm.apply row " + r + " col " + i);
				}
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "384, 12, false", "384, 12, true", "128, 2, false", "72, 3, true", "40, 5, false" })
	void attentionMatchesTheFormula(int d, int heads, boolean causal) {
		int[] lengths = { 1, 5, 17, 40, 16 };
		int tokens = java.util.Arrays.stream(lengths).sum();
		SplittableRandom random = new SplittableRandom(d * 31 + heads);
		float[][] q = Reference.random(random, tokens, d, 2);
		float[][] k = Reference.random(random, tokens, d, 2);
		float[][] v = Reference.random(random, tokens, d, 1);
		FloatMatrix ours = Attention.multiHead(FloatMatrix.ofRows(q), FloatMatrix.ofRows(k), FloatMatrix.ofRows(v),
				heads, lengths, causal);
		int dHead = d / heads;
		float[] scalar = new float[tokens * d];
		int start = 0;
		for (int length : lengths) {
			for (int h = 0; h < heads; h++) {
				SCALAR.attend(FloatMatrix.ofRows(q).toArray(), FloatMatrix.ofRows(k).toArray(),
						FloatMatrix.ofRows(v).toArray(), scalar, d, start, length, h * dHead, dHead,
						1 / Math.sqrt(dHead), causal);
				for (int i = 0; i < length; i++) {
					int visible = causal ? i + 1 : length;
					double[] weights = new double[visible];
					double max = Double.NEGATIVE_INFINITY;
					for (int j = 0; j < visible; j++) {
						double dot = 0;
						for (int t = 0; t < dHead; t++) {
							dot += (double) q[start + i][h * dHead + t] * k[start + j][h * dHead + t];
						}
						weights[j] = dot / Math.sqrt(dHead);
						max = Math.max(max, weights[j]);
					}
					double sum = 0;
					for (int j = 0; j < visible; j++) {
						weights[j] = Math.exp(weights[j] - max);
						sum += weights[j];
					}
					for (int t = 0; t < dHead; t++) {
						double expected = 0;
						for (int j = 0; j < visible; j++) {
							expected += weights[j] / sum * v[start + j][h * dHead + t];
						}
						int col = h * dHead + t;
						Reference.assertClose(expected, ours.get(start + i, col),
								"vector token " + (start + i) + " col " + col);
						Reference.assertClose(expected, scalar[(start + i) * d + col],
								"scalar token " + (start + i) + " col " + col);
					}
				}
			}
			start += length;
		}
	}

	@ParameterizedTest
	@CsvSource({ "1, 37, 70, true", "7, 384, 200, false", "130, 96, 150, true", "33, 384, 1152, true",
			"5, 20, 3, false", "13, 50, 40, true", "29, 64, 100, false", "100, 1536, 100, true",
			"300, 2000, 60, false" })
	void laneProductsMatchTheTripleLoop(int rows, int k, int m, boolean withBias) {
		SplittableRandom random = new SplittableRandom(rows * 7919L + k * 31L + m);
		float[][] x = Reference.random(random, rows, k, 1);
		float[][] w = Reference.random(random, m, k, 0.5);
		float[] b = withBias ? Reference.random(random, 1, m, 1)[0] : null;
		FloatMatrix ours = LaneProducts.affine(FloatMatrix.ofRows(x), FloatMatrix.ofRows(w), b);
		Reference.assertAffineClose(x, w, b, ours, "LaneProducts.affine");
		// the same row alone gives the same bits as within the batch
		FloatMatrix last = LaneProducts.affine(FloatMatrix.ofRows(new float[][] { x[rows - 1] }), FloatMatrix.ofRows(w),
				b);
		for (int j = 0; j < m; j++) {
			assertThat(last.get(0, j)).as("column %d", j).isEqualTo(ours.get(rows - 1, j));
		}
		float[] scalar = new float[rows * m];
		SCALAR.affine(FloatMatrix.ofRows(x).toArray(), k,
				Panels.pack(FloatMatrix.ofRows(w).toArray(), m, k, SCALAR.affinePanelWidth()), m, b, scalar, 0, rows, 0,
				m);
		Reference.assertAffineClose(x, w, b, FloatMatrix.of(rows, m, scalar), "scalar affine");
	}

	/**
	 * Blocks at any offset, with rows packed in chunks (k = 1,536: 40 rows a chunk), a
	 * narrow last panel and rows left over after the 8-row blocks: the vector kernel
	 * gives the scalar kernel's bits (the same terms in the same order, one fused
	 * multiply-add each), within the triple loop's tolerance, and writes nothing outside
	 * its block.
	 */
	@ParameterizedTest
	@CsvSource({ "3, 94, 0, 96, 1536, 150", "0, 130, 48, 150, 96, 150", "5, 13, 0, 48, 384, 48",
			"17, 60, 96, 100, 1536, 100", "0, 8, 0, 144, 2000, 144" })
	void vectorProductsOfAnyBlockGiveTheScalarBits(int rowFrom, int rowTo, int colFrom, int colTo, int k, int n) {
		SplittableRandom random = new SplittableRandom(rowFrom * 31L + rowTo * 7L + colFrom + k);
		int rows = rowTo + 3;
		float[][] x = Reference.random(random, rows, k, 1);
		float[][] w = Reference.random(random, n, k, 0.5);
		float[] b = Reference.random(random, 1, n, 1)[0];
		float[] xs = FloatMatrix.ofRows(x).toArray();
		float[] vector = new float[rows * n];
		float[] scalar = new float[rows * n];
		java.util.Arrays.fill(vector, Float.NaN);
		java.util.Arrays.fill(scalar, Float.NaN);
		VECTOR.affine(xs, k, Panels.pack(FloatMatrix.ofRows(w).toArray(), n, k, VECTOR.affinePanelWidth()), n, b,
				vector, rowFrom, rowTo, colFrom, colTo);
		SCALAR.affine(xs, k, Panels.pack(FloatMatrix.ofRows(w).toArray(), n, k, SCALAR.affinePanelWidth()), n, b,
				scalar, rowFrom, rowTo, colFrom, colTo);
		for (int i = 0; i < rows; i++) {
			for (int j = 0; j < n; j++) {
				boolean inside = i >= rowFrom && i < rowTo && j >= colFrom && j < colTo;
				float value = vector[i * n + j];
				if (!inside) {
					assertThat(value).as("(%d, %d) outside the block", i, j).isNaN();
					continue;
				}
				assertThat(value).as("(%d, %d)", i, j).isEqualTo(scalar[i * n + j]);
			}
		}
		float[][] block = java.util.Arrays.copyOfRange(x, rowFrom, rowTo);
		float[][] columns = java.util.Arrays.copyOfRange(w, colFrom, colTo);
		float[] bias = java.util.Arrays.copyOfRange(b, colFrom, colTo);
		float[] inside = new float[(rowTo - rowFrom) * (colTo - colFrom)];
		for (int i = rowFrom; i < rowTo; i++) {
			System.arraycopy(vector, i * n + colFrom, inside, (i - rowFrom) * (colTo - colFrom), colTo - colFrom);
		}
		Reference.assertAffineClose(block, columns, bias, FloatMatrix.of(rowTo - rowFrom, colTo - colFrom, inside),
				"vector affine");
	}

}
