package dev.factlab.angles.internal;

import dev.factlab.tensor.RowBlocks;

import java.nio.FloatBuffer;

/**
 * Adam as torch.optim.Adam computes it on CPU in float32 (single-tensor path, no weight
 * decay, no amsgrad): <pre>
 * m = m.lerp(g, 1 − β1)                      m + (1 − β1)·(g − m)
 * v = v·β2 + (1 − β2)·g·g
 * denom = sqrt(v) / sqrt(1 − β2^t) + eps      eps after the square root and the bias correction
 * p = p + (−lr / (1 − β1^t))·m / denom
 * </pre> with the scalars rounded to float as torch does, and the same operation order.
 */
final class TorchAdam {

	private final float[] m;

	private final float[] v;

	private final double learningRate;

	private final double beta1;

	private final double beta2;

	private final float epsilon;

	TorchAdam(int size, double learningRate, double beta1, double beta2, double epsilon) {
		this.m = new float[size];
		this.v = new float[size];
		this.learningRate = learningRate;
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.epsilon = (float) epsilon;
	}

	/**
	 * Step {@code t} (1-based) with gradient g = scale · Σ<sub>lanes</sub> laneGradients,
	 * summed in lane order.
	 * @param params [size]. Modified.
	 * @param laneGradients each [size]. Modified: zeroed for the next step.
	 */
	void stepInPlace(FloatBuffer params, RowBlocks[] laneGradients, float scale, int t) {
		float keep1 = (float) (1 - beta1);
		float decay2 = (float) beta2;
		float keep2 = (float) (1 - beta2);
		float stepSize = (float) -(learningRate / (1 - Math.pow(beta1, t)));
		float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
		FloatBuffer[] lanes = new FloatBuffer[laneGradients.length];
		for (int l = 0; l < lanes.length; l++) {
			lanes[l] = laneGradients[l].values();
		}
		for (int i = 0; i < m.length; i++) {
			float g = lanes[0].get(i);
			lanes[0].put(i, 0f);
			for (int l = 1; l < lanes.length; l++) {
				g += lanes[l].get(i);
				lanes[l].put(i, 0f);
			}
			g *= scale;
			m[i] += keep1 * (g - m[i]);
			v[i] = v[i] * decay2 + keep2 * g * g;
			float denom = (float) Math.sqrt(v[i]) / correction2 + epsilon;
			params.put(i, params.get(i) + stepSize * m[i] / denom);
		}
	}

}
