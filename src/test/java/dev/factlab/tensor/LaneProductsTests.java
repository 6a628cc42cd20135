package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused products against the double-precision triple loop and GELU formula, and
 * against the same products one at a time (same bits: fusing changes only which tasks run
 * together).
 */
class LaneProductsTests {

	@ParameterizedTest
	@CsvSource({ "1, 37", "32, 384", "130, 96", "300, 50" })
	void severalProductsOfOneInputMatchTheTripleLoopAndTheProductsAlone(int rows, int k) {
		SplittableRandom random = new SplittableRandom(rows * 31L + k);
		float[][] x = Reference.random(random, rows, k, 1);
		int[] widths = { 100, 48, 7 };
		FloatMatrix[] ws = new FloatMatrix[widths.length];
		float[][][] w = new float[widths.length][][];
		float[][] bs = new float[widths.length][];
		for (int i = 0; i < widths.length; i++) {
			w[i] = Reference.random(random, widths[i], k, 0.5);
			ws[i] = FloatMatrix.ofRows(w[i]);
			bs[i] = i == 1 ? null : Reference.random(random, 1, widths[i], 1)[0];
		}
		FloatMatrix input = FloatMatrix.ofRows(x);
		FloatMatrix[] fused = LaneProducts.affines(input, ws, bs);
		for (int i = 0; i < widths.length; i++) {
			Reference.assertClose(Reference.affine(x, w[i], bs[i]), fused[i], "product " + i);
			assertThat(fused[i].toArray()).as("product %d alone", i)
				.containsExactly(LaneProducts.affine(input, ws[i], bs[i]).toArray());
		}
	}

	@ParameterizedTest
	@CsvSource({ "1, 37, 70", "32, 384, 1536", "130, 96, 150" })
	void theFusedGeluMatchesTheFormulaAndTheSeparatePass(int rows, int k, int m) {
		SplittableRandom random = new SplittableRandom(rows * 7L + k * 3L + m);
		float[][] x = Reference.random(random, rows, k, 1);
		float[][] w = Reference.random(random, m, k, 0.5);
		float[] b = Reference.random(random, 1, m, 1)[0];
		FloatMatrix input = FloatMatrix.ofRows(x);
		LaneProducts.Activated fused = LaneProducts.affineGelu(input, FloatMatrix.ofRows(w), b);
		double[][] pre = Reference.affine(x, w, b);
		double[][] post = new double[rows][m];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < m; c++) {
				post[r][c] = Reference.activation("gelu", fused.pre().get(r, c));
			}
		}
		Reference.assertClose(pre, fused.pre(), "pre");
		Reference.assertClose(post, fused.post(), "post");
		FloatMatrix separate = LaneProducts.affine(input, FloatMatrix.ofRows(w), b);
		assertThat(fused.pre().toArray()).containsExactly(separate.toArray());
		assertThat(fused.post().toArray())
			.containsExactly(TensorOps.activateInFloat(separate, Activation.GELU).toArray());
	}

}
