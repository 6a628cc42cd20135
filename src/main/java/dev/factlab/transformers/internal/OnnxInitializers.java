package dev.factlab.transformers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The float32 initializers of an ONNX file, read with protobuf-java's wire-format reader
 * (field numbers from onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer
 * = 5; NodeProto.input = 1, name = 3, op_type = 4; TensorProto.dims = 1, data_type = 2,
 * float_data = 4, name = 8, raw_data = 9). Exporters leave the MatMul weights anonymous
 * ({@code onnx::MatMul_1234}), so each initializer is also reachable by the name of the
 * node that uses it ({@code /encoder/layer.0/attention/self/query/MatMul}).
 */
public final class OnnxInitializers {

	private static final int FLOAT = 1;

	private final Map<String, Tensor> byName;

	private final Map<String, String> byNode;

	/**
	 * @param name the initializer's name
	 * @param dims its shape
	 * @param values its float32 values, row-major
	 */
	public record Tensor(String name, long[] dims, float[] values) {
	}

	private OnnxInitializers(Map<String, Tensor> byName, Map<String, String> byNode) {
		this.byName = byName;
		this.byNode = byNode;
	}

	/**
	 * @param onnx the model file. Read to its end, not closed.
	 */
	public static OnnxInitializers read(InputStream onnx) throws IOException {
		byte[] bytes = onnx.readAllBytes();
		CodedInputStream in = CodedInputStream.newInstance(bytes);
		in.setSizeLimit(Integer.MAX_VALUE);
		Map<String, Tensor> tensors = new LinkedHashMap<>();
		Map<String, String> nodes = new HashMap<>();
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) == 7) {
				int limit = in.pushLimit(in.readRawVarint32());
				readGraph(in, tensors, nodes);
				in.popLimit(limit);
			}
			else {
				in.skipField(tag);
			}
		}
		return new OnnxInitializers(tensors, nodes);
	}

	private static void readGraph(CodedInputStream in, Map<String, Tensor> tensors, Map<String, String> nodes)
			throws IOException {
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			int field = WireFormat.getTagFieldNumber(tag);
			if (field == 5) {
				int limit = in.pushLimit(in.readRawVarint32());
				Tensor tensor = readTensor(in);
				in.popLimit(limit);
				if (tensor != null) {
					tensors.put(tensor.name(), tensor);
				}
			}
			else if (field == 1) {
				int limit = in.pushLimit(in.readRawVarint32());
				readNode(in, nodes);
				in.popLimit(limit);
			}
			else {
				in.skipField(tag);
			}
		}
	}

	private static void readNode(CodedInputStream in, Map<String, String> nodes) throws IOException {
		List<String> inputs = new ArrayList<>();
		String name = null;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			switch (WireFormat.getTagFieldNumber(tag)) {
				case 1 -> inputs.add(in.readString());
				case 3 -> name = in.readString();
				default -> in.skipField(tag);
			}
		}
		if (name != null) {
			for (int i = 0; i < inputs.size(); i++) {
				nodes.put(name + ":" + i, inputs.get(i));
			}
		}
	}

	/**
	 * @return the tensor, or null when it is not float32
	 */
	private static Tensor readTensor(CodedInputStream in) throws IOException {
		List<Long> dims = new ArrayList<>();
		int type = 0;
		String name = null;
		byte[] raw = null;
		List<Float> floats = new ArrayList<>();
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			int field = WireFormat.getTagFieldNumber(tag);
			int wire = WireFormat.getTagWireType(tag);
			switch (field) {
				case 1 -> {
					if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
						int limit = in.pushLimit(in.readRawVarint32());
						while (in.getBytesUntilLimit() > 0) {
							dims.add(in.readInt64());
						}
						in.popLimit(limit);
					}
					else {
						dims.add(in.readInt64());
					}
				}
				case 2 -> type = in.readInt32();
				case 4 -> {
					if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
						int limit = in.pushLimit(in.readRawVarint32());
						while (in.getBytesUntilLimit() > 0) {
							floats.add(in.readFloat());
						}
						in.popLimit(limit);
					}
					else {
						floats.add(in.readFloat());
					}
				}
				case 8 -> name = in.readString();
				case 9 -> raw = in.readByteArray();
				default -> in.skipField(tag);
			}
		}
		if (type != FLOAT || name == null) {
			return null;
		}
		float[] values;
		if (raw != null) {
			values = new float[raw.length / Float.BYTES];
			ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		}
		else {
			values = new float[floats.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = floats.get(i);
			}
		}
		return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
	}

	/** Every float32 initializer by its own name, in file order. */
	public Map<String, Tensor> tensors() {
		return byName;
	}

	/**
	 * Node names to the input names they use (first input, and {@code name:i} for input
	 * i).
	 */
	public Map<String, String> nodeInputs() {
		return byNode;
	}

	/**
	 * @param nameOrNode an initializer's name, or {@code nodeName:inputIndex} of the node
	 * that uses it
	 * @throws IllegalStateException naming what is missing
	 */
	public Tensor get(String nameOrNode) {
		Tensor tensor = byName.get(nameOrNode);
		if (tensor == null && byNode.containsKey(nameOrNode)) {
			tensor = byName.get(byNode.get(nameOrNode));
		}
		if (tensor == null) {
			throw new IllegalStateException("the ONNX file has no float32 initializer '%s'".formatted(nameOrNode));
		}
		return tensor;
	}

}
