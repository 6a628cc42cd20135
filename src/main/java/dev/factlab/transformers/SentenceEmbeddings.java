package dev.factlab.transformers;

import dev.factlab.tensor.FloatMatrix;

/**
 * Sentence embeddings the way sentence-transformers uses all-MiniLM-L6-v2: the mean of a
 * sentence's last hidden states over its tokens ([CLS] and [SEP] included), scaled to
 * unit length.
 */
public final class SentenceEmbeddings {

	private SentenceEmbeddings() {
	}

	/**
	 * @param hidden [tokens, d], sequences packed row after row. Not modified.
	 * @param lengths tokens of each sequence. Not modified.
	 * @return [sequences][d], each of unit length
	 */
	public static float[][] meanPooled(FloatMatrix hidden, int[] lengths) {
		int d = hidden.cols();
		float[] values = hidden.toArray();
		float[][] out = new float[lengths.length][d];
		int start = 0;
		for (int s = 0; s < lengths.length; s++) {
			double[] sum = new double[d];
			for (int t = start; t < start + lengths[s]; t++) {
				for (int i = 0; i < d; i++) {
					sum[i] += values[t * d + i];
				}
			}
			double norm = 0;
			for (int i = 0; i < d; i++) {
				sum[i] /= lengths[s];
				norm += sum[i] * sum[i];
			}
			norm = Math.max(Math.sqrt(norm), 1e-12);
			for (int i = 0; i < d; i++) {
				out[s][i] = (float) (sum[i] / norm);
			}
			start += lengths[s];
		}
		return out;
	}

	/**
	 * @return the cosine of the angle between a and b (0 when either is zero)
	 */
	public static double cosine(float[] a, float[] b) {
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			na += (double) a[i] * a[i];
			nb += (double) b[i] * b[i];
		}
		return dot / Math.max(Math.sqrt(na * nb), 1e-24);
	}

}
