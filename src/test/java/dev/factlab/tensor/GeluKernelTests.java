package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The vectorised GELU against its oracles: the scalar double formula
 * ({@link Activation#apply(double)}, Numerical Recipes' erfc with {@link Math#exp}) and
 * Apache Commons Math's erfc ({@link Reference}); and against its scalar twin, bit for
 * bit.
 */
class GeluKernelTests {

	private static final GeluKernel VECTOR = GeluKernel.choose();

	private static final GeluKernel SCALAR = new ScalarGelu();

	/** Every 2·10⁶th-or-so float in [−20, 20], denser near 0, and the edge cases. */
	private static float[] inputs() {
		SplittableRandom random = new SplittableRandom(12);
		float[] values = new float[2_000_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (i % 3) {
				case 0 -> (float) (random.nextDouble() * 40 - 20);
				case 1 -> (float) random.nextGaussian();
				default -> (float) (random.nextGaussian() * 1e-3);
			};
		}
		float[] edges = { 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f, 5f, -5f, 13f,
				-13f, 14f, -14f, 30f, -30f, 1e10f, -1e10f, Float.MAX_VALUE, -Float.MAX_VALUE };
		System.arraycopy(edges, 0, values, 0, edges.length);
		return values;
	}

	@Test
	void theVectorKernelIsUsedWhenTheModuleIsPresent() {
		assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("surefire adds the module").isPresent();
		assertThat(VECTOR.name()).startsWith("Vector API");
	}

	@Test
	void vectorAndScalarKernelsGiveTheSameBits() {
		float[] vector = inputs();
		float[] scalar = vector.clone();
		VECTOR.apply(vector, 0, vector.length);
		SCALAR.apply(scalar, 0, scalar.length);
		for (int i = 0; i < vector.length; i++) {
			if (Float.floatToRawIntBits(vector[i]) != Float.floatToRawIntBits(scalar[i])) {
				assertThat(vector[i]).as("gelu of input %d", i).isEqualTo(scalar[i]);
			}
		}
	}

	@Test
	void isWithinHalfAnUlpOfTheDoubleFormula() {
		float[] x = inputs();
		float[] y = x.clone();
		VECTOR.apply(y, 0, y.length);
		double worstUlps = 0;
		int notNearest = 0;
		for (int i = 0; i < x.length; i++) {
			double exact = Activation.GELU.apply(x[i]);
			double ulps = Math.abs(y[i] - exact) / Math.ulp((float) exact);
			worstUlps = Math.max(worstUlps, ulps);
			notNearest += y[i] == (float) exact ? 0 : 1;
		}
		System.out.printf(
				"GELU kernel: worst error %s ulp against the double formula, %d of %d not its nearest float%n",
				worstUlps, notNearest, x.length);
		assertThat(worstUlps).isLessThanOrEqualTo(0.5 + 1e-6);
	}

	@Test
	void matchesApacheCommonsErfcWithinTheProjectTolerance() {
		for (double x = -20; x <= 20; x += 0.0137) {
			float[] y = { (float) x };
			VECTOR.apply(y, 0, 1);
			Reference.assertClose(Reference.activation("gelu", (float) x), y[0], "gelu(" + x + ")");
		}
		for (double x = -9; x <= -3; x += 0.25) {
			float[] y = { (float) x };
			VECTOR.apply(y, 0, 1);
			double expected = Reference.activation("gelu", (float) x);
			assertThat(Math.abs(y[0] - expected) / Math.abs(expected)).as("relative error of gelu(%s)", x)
				.isLessThan(Reference.TOLERANCE);
		}
	}

	@Test
	void aValueGivesTheSameBitsWhereverItsRangeStartsOrEnds() {
		float[] whole = Arrays.copyOf(inputs(), 1001);
		float[] parts = whole.clone();
		VECTOR.apply(whole, 0, whole.length);
		int[] cuts = { 0, 3, 4, 17, 18, 500, 997, 1001 };
		for (int c = 0; c + 1 < cuts.length; c++) {
			VECTOR.apply(parts, cuts[c], cuts[c + 1]);
		}
		assertThat(parts).isEqualTo(whole);
	}

}
