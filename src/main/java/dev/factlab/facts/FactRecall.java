package dev.factlab.facts;

import java.util.List;

import dev.factlab.mlp.MlpBlock;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;

/**
 * The query path of a fact model, three GEMMs for a whole batch: the subjects' embeddings
 * E through the block (up-projection, activation, down-projection), then the block's
 * output decoded against every name of the space.
 */
public final class FactRecall {

	private FactRecall() {
	}

	/**
	 * One batch's numbers.
	 *
	 * @param activations [batch, neurons]
	 * @param scores [batch, names]: the block's output dotted with each name's direction
	 */
	public record Batch(FloatMatrix activations, FloatMatrix scores) {
	}

	/**
	 * @param subjects each a list of known names. Not modified.
	 */
	public static Batch run(MlpWeights weights, FeatureSpace space, List<List<String>> subjects) {
		float[] scratch = new float[space.dimensions()];
		FloatMatrix embeddings = FloatMatrix.build(subjects.size(), space.dimensions(),
				(i, row) -> FactCompiler.sum(space, subjects.get(i), scratch, row));
		MlpBlock.Forward forward = MlpBlock.forward(weights, embeddings);
		return new Batch(forward.activations(), TensorOps.affine(forward.output(), space.vectors(), null));
	}

	/**
	 * The largest score outside {@code stored} and the best-scoring name.
	 *
	 * @param scores [names]. Not modified.
	 * @param stored rows of the fact's attributes. Not modified.
	 */
	public record RowSummary(int best, float noise, int noiseRow) {

		public static RowSummary of(float[] scores, int[] stored) {
			int best = 0;
			float noise = Float.NEGATIVE_INFINITY;
			int noiseRow = -1;
			for (int n = 0; n < scores.length; n++) {
				if (scores[n] > scores[best]) {
					best = n;
				}
				if (scores[n] > noise && !contains(stored, n)) {
					noise = scores[n];
					noiseRow = n;
				}
			}
			return new RowSummary(best, noise, noiseRow);
		}

		private static boolean contains(int[] rows, int row) {
			for (int r : rows) {
				if (r == row) {
					return true;
				}
			}
			return false;
		}

	}

}
