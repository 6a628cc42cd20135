package dev.factlab.angles.internal;

import dev.factlab.tensor.MemoryBudget;
import dev.factlab.tensor.RowBlocks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class TorchAdamTest {

	/** float32 Adam against the same formulas in double. */
	static final double FLOAT_TOLERANCE = 1e-6;

	@Test
	void firstStepMovesEveryParameterByLearningRateAgainstTheGradientsSign() {
		// Bias correction makes m̂ = g and v̂ = g² at t = 1, so the step is lr·g/(|g| +
		// eps).
		float[] gradient = { 3f, -0.5f, 1e-3f };
		float[] params = { 1f, 1f, 1f };
		step(new TorchAdam(3, 0.01, 0.9, 0.999, 1e-8), params, gradient, 1);
		assertThat(params[0]).isCloseTo(0.99f, offset(1e-6f));
		assertThat(params[1]).isCloseTo(1.01f, offset(1e-6f));
		assertThat(params[2]).isCloseTo(0.99f, offset(1e-6f));
	}

	@Test
	void followsTorchsFormulasOverSteps() {
		double lr = 0.01;
		double b1 = 0.9;
		double b2 = 0.999;
		double eps = 1e-8;
		TorchAdam adam = new TorchAdam(2, lr, b1, b2, eps);
		float[] params = { 0.5f, -0.25f };
		double[] p = { 0.5, -0.25 };
		double[] m = new double[2];
		double[] v = new double[2];
		for (int t = 1; t <= 5; t++) {
			float[] g = { (float) (p[0] * 2 - 0.1 * t), (float) (Math.sin(t) * 1e-3) };
			step(adam, params, g, t);
			for (int i = 0; i < 2; i++) {
				m[i] = b1 * m[i] + (1 - b1) * g[i];
				v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
				double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
				p[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
			}
			assertThat(params[0]).isCloseTo((float) p[0], offset((float) FLOAT_TOLERANCE));
			assertThat(params[1]).isCloseTo((float) p[1], offset((float) FLOAT_TOLERANCE));
		}
	}

	/** Splits the gradient over two lanes and checks they are zeroed after the step. */
	private static void step(TorchAdam adam, float[] params, float[] gradient, int t) {
		Tiling tiling = Tiling.of(params.length, params.length, 1);
		MemoryBudget budget = MemoryBudget.unlimited();
		try (RowBlocks p = new RowBlocks(params.length, 1, tiling.tileSize(), budget, MemoryBudget.JOBS);
				RowBlocks lane0 = new RowBlocks(params.length, 1, tiling.tileSize(), budget, MemoryBudget.JOBS);
				RowBlocks lane1 = new RowBlocks(params.length, 1, tiling.tileSize(), budget, MemoryBudget.JOBS)) {
			p.load(params);
			float[] half = new float[gradient.length];
			for (int i = 0; i < half.length; i++) {
				half[i] = gradient[i] / 4;
			}
			lane0.load(half);
			lane1.load(half);
			adam.stepInPlace(p.values(), new RowBlocks[] { lane0, lane1 }, 2f, t);
			System.arraycopy(p.toArray(), 0, params, 0, params.length);
			assertThat(lane0.toArray()).containsOnly(0f);
			assertThat(lane1.toArray()).containsOnly(0f);
		}
	}

}
