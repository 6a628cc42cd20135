package dev.factlab.transformers;

import java.util.List;

import dev.factlab.tensor.FloatMatrix;

/**
 * A whole transformer's parameters.
 *
 * @param tokenEmbeddings [vocabulary, d]
 * @param positionEmbeddings [maxPositions, d]
 * @param typeEmbeddings [types, d]: BERT's token-type embeddings (row 0 is added to every
 * token), null for GPT-2
 * @param embeddingNorm LayerNorm after the embeddings (BERT) or the final one (GPT-2)
 * @param layers the layers in order
 * @param heads attention heads per layer
 * @param preNorm true for GPT-2 (norm before each sublayer), false for BERT (after)
 * @param causal true when a token sees only earlier ones
 */
public record EncoderWeights(FloatMatrix tokenEmbeddings, FloatMatrix positionEmbeddings, FloatMatrix typeEmbeddings,
		EncoderLayer.Norm embeddingNorm, List<EncoderLayer> layers, int heads, boolean preNorm, boolean causal) {

	public EncoderWeights {
		layers = List.copyOf(layers);
		int d = tokenEmbeddings.cols();
		if (positionEmbeddings.cols() != d || (typeEmbeddings != null && typeEmbeddings.cols() != d)) {
			throw new IllegalArgumentException(
					"embeddings of width %d and %d differ".formatted(d, positionEmbeddings.cols()));
		}
		if (layers.isEmpty() || layers.get(0).wQ().cols() != d || d % heads != 0) {
			throw new IllegalArgumentException("layers must have width %d divisible by %d heads".formatted(d, heads));
		}
	}

	public int dModel() {
		return tokenEmbeddings.cols();
	}

	public int vocabulary() {
		return tokenEmbeddings.rows();
	}

	public int maxPositions() {
		return positionEmbeddings.rows();
	}

	public int neurons() {
		return layers.get(0).mlp().neurons();
	}

	/** Every weight and bias, embeddings included. */
	public long parameters() {
		long total = tokenEmbeddings.elements() + positionEmbeddings.elements()
				+ (typeEmbeddings == null ? 0 : typeEmbeddings.elements()) + embeddingNorm.parameters();
		for (EncoderLayer layer : layers) {
			total += layer.parameters();
		}
		return total;
	}

	/**
	 * Bytes of the copies the products keep of each layer's projection weights that live
	 * on the heap, one the size of its values (in the Java products' panels, or ND4J's
	 * off-heap copy without the Vector API): all-MiniLM-L6-v2 ≈ 42 MB.
	 */
	public long productCopyBytes() {
		long total = 0;
		for (EncoderLayer layer : layers) {
			for (FloatMatrix w : layer.matrices()) {
				if (w.onHeap()) {
					total += w.elements() * Float.BYTES;
				}
			}
		}
		return total;
	}

	/**
	 * Frees the off-heap memory of every matrix (embeddings and each layer's
	 * projections); for weights that were never registered, whose owner is gone. Reading
	 * them afterwards is an error.
	 */
	public void close() {
		tokenEmbeddings.close();
		positionEmbeddings.close();
		if (typeEmbeddings != null) {
			typeEmbeddings.close();
		}
		for (EncoderLayer layer : layers) {
			for (FloatMatrix w : layer.matrices()) {
				w.close();
			}
		}
	}

	/** float32 storage of every parameter. */
	public long bytes() {
		return parameters() * Float.BYTES;
	}

}
