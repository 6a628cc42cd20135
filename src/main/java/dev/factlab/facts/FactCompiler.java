package dev.factlab.facts;

import java.util.List;

import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;

/**
 * Compiles facts into an MLP block, one neuron per fact (the lesson's construction):
 * neuron i's W_up row is the sum of fact i's subject directions, its bias is
 * {@code −(k − 1)} for a subject of k names, and its W_down column is the sum of the
 * attribute directions.
 * <p>
 * Why the bias: with unit, mutually perpendicular directions the pre-activation is the
 * number of subject names present minus k − 1, so it is 1 when all k are present and at
 * most 0 when any is missing; ReLU passes the first and silences the rest (the lesson's
 * −1 for Michael + Jordan). The margin between firing and silence is 1; overlaps between
 * non-perpendicular directions eat into it, which is what the capacity job measures. A
 * neuron counts as fired when its activation exceeds {@value #FIRE_THRESHOLD}, half the
 * full-subject activation.
 */
public final class FactCompiler {

	/** Activation above which a neuron counts as fired, and a score as recovered. */
	public static final float FIRE_THRESHOLD = 0.5f;

	private FactCompiler() {
	}

	/** The bias of a subject of {@code k} names: −(k − 1). */
	public static float bias(int k) {
		return -(k - 1);
	}

	/**
	 * @param space the directions. Not modified.
	 * @param facts validated (known names, non-empty subjects). Not modified.
	 * @return W_up [facts, D], b_up [facts], W_down [D, facts], b_down zero
	 */
	public static MlpWeights compile(FeatureSpace space, List<Fact> facts, Activation activation) {
		int d = space.dimensions();
		float[] scratch = new float[d];
		FloatMatrix up = FloatMatrix.build(facts.size(), d,
				(i, row) -> sum(space, facts.get(i).subject(), scratch, row));
		FloatMatrix written = FloatMatrix.build(facts.size(), d,
				(i, row) -> sum(space, facts.get(i).attributes(), scratch, row));
		float[] bUp = new float[facts.size()];
		for (int i = 0; i < bUp.length; i++) {
			bUp[i] = bias(facts.get(i).subject().size());
		}
		return new MlpWeights(up, bUp, written.transpose(), new float[d], activation);
	}

	/**
	 * @param out [D], the sum of the named directions. Modified.
	 */
	static void sum(FeatureSpace space, List<String> names, float[] scratch, float[] out) {
		for (String name : names) {
			space.vectors().readRow(space.require(name), scratch);
			for (int c = 0; c < out.length; c++) {
				out[c] += scratch[c];
			}
		}
	}

	/** The bytes of the compiled weights of {@code facts} facts over D dimensions. */
	public static long bytes(long facts, long d) {
		return (2 * facts * d + facts + d) * Float.BYTES;
	}

}
