package dev.factlab.tensor;

/**
 * Scaled dot-product multi-head attention over packed sequences: the rows of q, k and v
 * are the tokens of several sequences one after the other ({@code lengths} says how many
 * each has), and a token attends only to tokens of its own sequence (the padding mask,
 * without padding), and with {@code causal} only to itself and earlier ones. Head h uses
 * columns {@code [h·dHead, (h+1)·dHead)}.
 */
public final class Attention {

	private Attention() {
	}

	/**
	 * @param q [tokens, d]. Not modified.
	 * @param k [tokens, d]. Not modified.
	 * @param v [tokens, d]. Not modified.
	 * @param heads divides d
	 * @param lengths tokens of each sequence, summing to {@code tokens}. Not modified.
	 * @param causal true to mask later tokens
	 * @return [tokens, d]: each head's softmax(q·kᵀ/√dHead)·v, heads side by side
	 */
	public static FloatMatrix multiHead(FloatMatrix q, FloatMatrix k, FloatMatrix v, int heads, int[] lengths,
			boolean causal) {
		int tokens = q.rows();
		int d = q.cols();
		if (k.rows() != tokens || v.rows() != tokens || k.cols() != d || v.cols() != d) {
			throw new IllegalArgumentException(
					"attention needs q, k, v of one shape but got [%d, %d], [%d, %d], [%d, %d]".formatted(tokens, d,
							k.rows(), k.cols(), v.rows(), v.cols()));
		}
		if (heads <= 0 || d % heads != 0) {
			throw new IllegalArgumentException("%d heads don't divide width %d".formatted(heads, d));
		}
		int[] starts = new int[lengths.length];
		int total = 0;
		for (int s = 0; s < lengths.length; s++) {
			starts[s] = total;
			total += lengths[s];
		}
		if (total != tokens) {
			throw new IllegalArgumentException(
					"sequence lengths sum to %d but there are %d tokens".formatted(total, tokens));
		}
		float[] qv = q.toArray();
		float[] kv = k.toArray();
		float[] vv = v.toArray();
		float[] out = new float[tokens * d];
		int dHead = d / heads;
		double scale = 1 / Math.sqrt(dHead);
		java.util.stream.IntStream.range(0, lengths.length * heads).parallel().forEach(job -> {
			int s = job / heads;
			int h = job % heads;
			head(qv, kv, vv, out, d, starts[s], lengths[s], h * dHead, dHead, scale, causal);
		});
		return FloatMatrix.adopt(tokens, d, out);
	}

	/**
	 * One head of one sequence.
	 * @param out Modified: rows {@code [start, start+length)}, columns
	 * {@code [col, col+dHead)}.
	 */
	private static void head(float[] q, float[] k, float[] v, float[] out, int d, int start, int length, int col,
			int dHead, double scale, boolean causal) {
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

}
