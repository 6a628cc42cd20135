package dev.factlab.transformers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import dev.factlab.transformers.internal.MiniLmLoader;

/**
 * all-MiniLM-L6-v2's MLP weights read straight from the ONNX file, independently of the
 * service's reader: protobuf-java's schema-less {@link UnknownFieldSet} parses the file
 * (field numbers from onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer
 * = 5; NodeProto.input = 1, name = 3; TensorProto.dims = 1, name = 8, raw_data = 9), and
 * the matrices stay in the file's layout: {@code up[i][n]} ([384, 1,536], x·up) and
 * {@code down[n][i]} ([1,536, 384]).
 */
final class OnnxMlpReference {

	/**
	 * One layer's MLP as the file stores it.
	 *
	 * @param up [dModel][neurons]: neuron n reads column n
	 * @param upBias [neurons]
	 * @param down [neurons][dModel]: neuron n writes row n
	 * @param downBias [dModel]
	 */
	record Mlp(float[][] up, float[] upBias, float[][] down, float[] downBias) {

		int neurons() {
			return upBias.length;
		}

		int dModel() {
			return downBias.length;
		}

		/** Column n of {@code up}: what neuron n reads. */
		float[] reads(int n) {
			float[] out = new float[dModel()];
			for (int i = 0; i < out.length; i++) {
				out[i] = up[i][n];
			}
			return out;
		}

	}

	private final Map<String, UnknownFieldSet> initializers = new HashMap<>();

	private final Map<String, List<ByteString>> nodeInputs = new HashMap<>();

	private OnnxMlpReference(byte[] onnx) throws IOException {
		CodedInputStream in = CodedInputStream.newInstance(onnx);
		in.setSizeLimit(Integer.MAX_VALUE);
		UnknownFieldSet model = UnknownFieldSet.newBuilder().mergeFrom(in).build();
		UnknownFieldSet graph = UnknownFieldSet.parseFrom(only(model, 7));
		for (ByteString bytes : graph.getField(5).getLengthDelimitedList()) {
			UnknownFieldSet tensor = UnknownFieldSet.parseFrom(bytes);
			initializers.put(only(tensor, 8).toStringUtf8(), tensor);
		}
		for (ByteString bytes : graph.getField(1).getLengthDelimitedList()) {
			UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
			if (node.hasField(3)) {
				nodeInputs.put(only(node, 3).toStringUtf8(), node.getField(1).getLengthDelimitedList());
			}
		}
	}

	static OnnxMlpReference read() throws IOException {
		try (InputStream in = OnnxMlpReference.class.getResourceAsStream(MiniLmLoader.ONNX)) {
			return new OnnxMlpReference(in.readAllBytes());
		}
	}

	Mlp layer(int l) {
		String node = "/encoder/layer.%d/".formatted(l);
		String p = "encoder.layer.%d.".formatted(l);
		return new Mlp(matrix(matMulWeight(node + "intermediate/dense/MatMul")),
				values(initializers.get(p + "intermediate.dense.bias")),
				matrix(matMulWeight(node + "output/dense/MatMul")), values(initializers.get(p + "output.dense.bias")));
	}

	/** The exporter leaves MatMul weights anonymous: the node's second input names it. */
	private UnknownFieldSet matMulWeight(String nodeName) {
		return initializers.get(nodeInputs.get(nodeName).get(1).toStringUtf8());
	}

	private static float[][] matrix(UnknownFieldSet tensor) {
		long[] dims = dims(tensor);
		float[] flat = values(tensor);
		float[][] out = new float[(int) dims[0]][(int) dims[1]];
		for (int r = 0; r < out.length; r++) {
			System.arraycopy(flat, r * out[r].length, out[r], 0, out[r].length);
		}
		return out;
	}

	private static long[] dims(UnknownFieldSet tensor) {
		UnknownFieldSet.Field field = tensor.getField(1);
		if (!field.getVarintList().isEmpty()) {
			return field.getVarintList().stream().mapToLong(Long::longValue).toArray();
		}
		try {
			CodedInputStream packed = only(tensor, 1).newCodedInput();
			long[] out = new long[0];
			while (!packed.isAtEnd()) {
				out = java.util.Arrays.copyOf(out, out.length + 1);
				out[out.length - 1] = packed.readInt64();
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static float[] values(UnknownFieldSet tensor) {
		ByteBuffer raw = only(tensor, 9).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
		float[] out = new float[raw.remaining() / Float.BYTES];
		raw.asFloatBuffer().get(out);
		return out;
	}

	private static ByteString only(UnknownFieldSet message, int field) {
		List<ByteString> values = message.getField(field).getLengthDelimitedList();
		if (values.size() != 1) {
			throw new IllegalStateException("field %d occurs %d times".formatted(field, values.size()));
		}
		return values.get(0);
	}

}
