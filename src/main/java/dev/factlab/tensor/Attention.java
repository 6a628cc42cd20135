package dev.factlab.tensor;

/**
 * Scaled dot-product multi-head attention over packed sequences: the rows of q, k and v
 * are the tokens of several sequences one after the other ({@code lengths} says how many
 * each has), and a token attends only to tokens of its own sequence (the padding mask,
 * without padding), and with {@code causal} only to itself and earlier ones. Head h uses
 * columns {@code [h·dHead, (h+1)·dHead)}.
 */
public final class Attention {

	/**
	 * Multiply-adds (Σ length²·d) below which the heads run on the calling thread: one
	 * 32-token sentence (≈ 0.4 M) takes less than handing its heads to the pool costs.
	 */
	private static final long PARALLEL_MIN_WORK = 1 << 21;

	private static final RowKernels KERNELS = RowKernels.choose();

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
		float[] qv = q.heapOrCopy();
		float[] kv = k.heapOrCopy();
		float[] vv = v.heapOrCopy();
		float[] out = new float[tokens * d];
		int dHead = d / heads;
		double scale = 1 / Math.sqrt(dHead);
		long work = 0;
		for (int length : lengths) {
			work += (long) length * length * d;
		}
		java.util.function.IntConsumer job = j -> {
			int s = j / heads;
			int h = j % heads;
			KERNELS.attend(qv, kv, vv, out, d, starts[s], lengths[s], h * dHead, dHead, scale, causal);
		};
		if (work >= PARALLEL_MIN_WORK) {
			Sections.run(lengths.length * heads, job);
		}
		else {
			for (int j = 0; j < lengths.length * heads; j++) {
				job.accept(j);
			}
		}
		return FloatMatrix.adopt(tokens, d, out);
	}

}
