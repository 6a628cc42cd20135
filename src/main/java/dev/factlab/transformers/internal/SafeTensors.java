package dev.factlab.transformers.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code .safetensors} file read in place: an 8-byte little-endian header length N, N
 * bytes of JSON naming each tensor's dtype, shape and byte range ({@code data_offsets},
 * relative to the end of the header), then the raw little-endian data. The header is
 * checked strictly when the file is opened (ranges inside the file, sized by dtype ×
 * shape, not overlapping); tensors are then read from a memory map, one at a time, so a 6
 * GB checkpoint never needs a second copy of itself.
 */
public final class SafeTensors implements AutoCloseable {

	/** The format's own cap on the header (the reference implementation's). */
	static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

	private static final String METADATA = "__metadata__";

	/** Element types this reader converts to float32, with their sizes in bytes. */
	public enum DType {

		F32(4), F16(2), BF16(2);

		final int bytes;

		DType(int bytes) {
			this.bytes = bytes;
		}

	}

	/**
	 * One tensor's header entry.
	 *
	 * @param name as written in the header
	 * @param dtype its element type, as written (only {@link DType}s can be read)
	 * @param shape its dimensions
	 * @param begin first byte, relative to the data section
	 * @param end one past its last byte
	 */
	public record Entry(String name, String dtype, long[] shape, long begin, long end) {

		public long elements() {
			long n = 1;
			for (long d : shape) {
				n = Math.multiplyExact(n, d);
			}
			return n;
		}

		@Override
		public String toString() {
			return "%s (%s %s)".formatted(name, dtype, Arrays.toString(shape));
		}

	}

	/** Reads one element of a tensor as float32. */
	@FunctionalInterface
	public interface Elements {

		float get(int index);

	}

	private final Path file;

	private final FileChannel channel;

	private final long dataStart;

	private final Map<String, Entry> entries;

	private SafeTensors(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries) {
		this.file = file;
		this.channel = channel;
		this.dataStart = dataStart;
		this.entries = entries;
	}

	/**
	 * Opens the file and checks its header.
	 * @throws CheckpointException when the file is not a well-formed safetensors file
	 * @throws IOException when it can't be read
	 */
	public static SafeTensors open(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			long size = channel.size();
			if (size < 8) {
				throw new CheckpointException(
						"%s has %d bytes, fewer than the 8 of the header length".formatted(file.getFileName(), size));
			}
			ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
			readFully(channel, length, 0);
			long headerBytes = length.getLong(0);
			if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES || headerBytes > size - 8) {
				throw new CheckpointException(
						"%s declares a header of %d bytes, but it must be 1..%d and fit in the file's %d bytes"
							.formatted(file.getFileName(), headerBytes, MAX_HEADER_BYTES, size));
			}
			ByteBuffer header = ByteBuffer.allocate((int) headerBytes);
			readFully(channel, header, 8);
			Map<String, Entry> entries = parse(file, header.array(), size - 8 - headerBytes);
			return new SafeTensors(file, channel, 8 + headerBytes, entries);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new CheckpointException("the file ended inside its header");
			}
		}
	}

	private static Map<String, Entry> parse(Path file, byte[] header, long dataBytes) {
		JsonNode root;
		try {
			root = JsonMapper.builder().build().readTree(header);
		}
		catch (JacksonException ex) {
			throw new CheckpointException(
					"%s's header is not JSON: %s".formatted(file.getFileName(), ex.getOriginalMessage()));
		}
		if (root == null || !root.isObject()) {
			throw new CheckpointException("%s's header is not a JSON object".formatted(file.getFileName()));
		}
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			if (!METADATA.equals(property.getKey())) {
				entries.put(property.getKey(), entry(property.getKey(), property.getValue(), dataBytes));
			}
		}
		List<Entry> byStart = new ArrayList<>(entries.values());
		byStart.sort(Comparator.comparingLong(Entry::begin));
		for (int i = 1; i < byStart.size(); i++) {
			if (byStart.get(i).begin() < byStart.get(i - 1).end()) {
				throw new CheckpointException("tensors %s and %s overlap in %s".formatted(byStart.get(i - 1).name(),
						byStart.get(i).name(), file.getFileName()));
			}
		}
		return entries;
	}

	private static Entry entry(String name, JsonNode node, long dataBytes) {
		JsonNode dtype = node.get("dtype");
		JsonNode shape = node.get("shape");
		JsonNode offsets = node.get("data_offsets");
		if (dtype == null || !dtype.isString() || shape == null || !shape.isArray() || offsets == null
				|| !offsets.isArray() || offsets.size() != 2) {
			throw new CheckpointException(
					"tensor '%s' needs a dtype, a shape and two data_offsets in the header".formatted(name));
		}
		long[] dims = new long[shape.size()];
		for (int i = 0; i < dims.length; i++) {
			if (!shape.get(i).isIntegralNumber() || shape.get(i).asLong() < 0) {
				throw new CheckpointException("tensor '%s' has an invalid shape %s".formatted(name, shape));
			}
			dims[i] = shape.get(i).asLong();
		}
		long begin = offsets.get(0).isIntegralNumber() ? offsets.get(0).asLong() : -1;
		long end = offsets.get(1).isIntegralNumber() ? offsets.get(1).asLong() : -1;
		if (begin < 0 || end < begin || end > dataBytes) {
			throw new CheckpointException("tensor '%s' has data_offsets [%d, %d] outside the %d data bytes (is the "
				.formatted(name, begin, end, dataBytes) + "file truncated?)");
		}
		Entry entry = new Entry(name, dtype.asString(), dims, begin, end);
		DType known = dtypeOf(entry.dtype());
		if (known != null && Math.multiplyExact(entry.elements(), known.bytes) != end - begin) {
			throw new CheckpointException("tensor %s needs %d bytes but its data_offsets span %d".formatted(entry,
					entry.elements() * known.bytes, end - begin));
		}
		return entry;
	}

	static DType dtypeOf(String name) {
		for (DType dtype : DType.values()) {
			if (dtype.name().equals(name)) {
				return dtype;
			}
		}
		return null;
	}

	/**
	 * @return the tensor named so, or null
	 */
	public Entry entry(String name) {
		return entries.get(name);
	}

	public Map<String, Entry> entries() {
		return entries;
	}

	/**
	 * A view of a tensor's elements as float32 (F16 and BF16 widened exactly), valid
	 * until this file is closed.
	 * @throws CheckpointException for another dtype, or more than 2³¹ − 1 elements
	 */
	public Elements elements(Entry entry) throws IOException {
		DType dtype = dtypeOf(entry.dtype());
		if (dtype == null) {
			throw new CheckpointException(
					"tensor %s has dtype %s; only F32, F16 and BF16 can be read (F16 and BF16 are ".formatted(entry,
							entry.dtype()) + "widened to float32)");
		}
		if (entry.elements() > Integer.MAX_VALUE) {
			throw new CheckpointException("tensor %s has more elements than one array holds".formatted(entry));
		}
		ByteBuffer bytes = channel
			.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), entry.end() - entry.begin())
			.order(ByteOrder.LITTLE_ENDIAN);
		return switch (dtype) {
			case F32 -> i -> bytes.getFloat(i * 4);
			case F16 -> i -> Half.toFloat(bytes.getShort(i * 2));
			case BF16 -> i -> Float.intBitsToFloat((bytes.getShort(i * 2) & 0xFFFF) << 16);
		};
	}

	public Path file() {
		return file;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	/** IEEE 754 binary16 to float32, exactly. */
	static final class Half {

		private Half() {
		}

		static float toFloat(short half) {
			int bits = half & 0xFFFF;
			int sign = (bits & 0x8000) << 16;
			int exponent = (bits >>> 10) & 0x1F;
			int mantissa = bits & 0x3FF;
			if (exponent == 0x1F) {
				return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
			}
			if (exponent == 0) {
				float value = mantissa * 0x1p-24f;
				return sign == 0 ? value : -value;
			}
			return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
		}

	}

}
