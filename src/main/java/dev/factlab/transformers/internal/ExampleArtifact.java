package dev.factlab.transformers.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A neuron-examples job's examples, decoded: the tokenised corpus once, and per layer and
 * neuron up to k (activation, sentence, token) triples, best first.
 * <p>
 * The artifact ({@value #NAME}) is big-endian ({@link DataOutputStream}): the magic
 * {@code FLNX}, version 1, the model id, k, the context, layers, neurons, sentences; each
 * sentence as its text and its word pieces joined by single spaces (a piece never
 * contains whitespace), both as a length-prefixed UTF-8 string; then for every layer and
 * neuron in order the number of examples and k slots of (float activation, int sentence,
 * unsigned short token), unused slots zero. For all-MiniLM-L6-v2 with k = 8 the examples
 * take 6 × 1,536 × 8 × 10 bytes = 737 KB.
 *
 * @param texts [sentences]
 * @param pieces [sentences][tokens], [CLS] and [SEP] included
 * @param counts [layers · neurons]
 * @param values [layers · neurons · k]
 * @param sentences [layers · neurons · k]
 * @param tokens [layers · neurons · k]
 */
public record ExampleArtifact(String model, int topK, int context, int layers, int neurons, List<String> texts,
		List<List<String>> pieces, int[] counts, float[] values, int[] sentences, char[] tokens) {

	/** The artifact's name. */
	public static final String NAME = "neuron-examples.bin";

	public static final String CONTENT_TYPE = "application/octet-stream";

	private static final int MAGIC = 0x464C4E58;

	private static final int VERSION = 1;

	/**
	 * @param texts the corpus. Not modified.
	 * @param pieces each sentence's word pieces. Not modified.
	 * @param layers one accumulator per layer, all of the same shape. Not modified.
	 */
	public static byte[] encode(String model, int context, List<String> texts, List<List<String>> pieces,
			List<TopActivations> layers) {
		int neurons = layers.get(0).neurons();
		int k = layers.get(0).k();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(
				layers.size() * neurons * (4 + k * 10) + 64 * texts.size());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(MAGIC);
			out.writeInt(VERSION);
			string(out, model);
			out.writeInt(k);
			out.writeInt(context);
			out.writeInt(layers.size());
			out.writeInt(neurons);
			out.writeInt(texts.size());
			for (int s = 0; s < texts.size(); s++) {
				string(out, texts.get(s));
				string(out, String.join(" ", pieces.get(s)));
			}
			for (TopActivations layer : layers) {
				for (int n = 0; n < neurons; n++) {
					TopActivations.Entry[] top = layer.sorted(n);
					out.writeInt(top.length);
					for (int i = 0; i < k; i++) {
						TopActivations.Entry e = i < top.length ? top[i] : new TopActivations.Entry(0f, 0, 0);
						out.writeFloat(e.value());
						out.writeInt(e.sentence());
						out.writeShort(e.token());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @param bytes what {@link #encode} wrote. Not modified.
	 * @throws IllegalArgumentException for bytes that aren't such an artifact
	 */
	public static ExampleArtifact decode(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			if (in.readInt() != MAGIC) {
				throw new IllegalArgumentException("not a neuron-examples artifact");
			}
			int version = in.readInt();
			if (version != VERSION) {
				throw new IllegalArgumentException(
						"neuron-examples artifact version %d is not %d".formatted(version, VERSION));
			}
			String model = string(in);
			int k = in.readInt();
			int context = in.readInt();
			int layers = in.readInt();
			int neurons = in.readInt();
			int count = in.readInt();
			List<String> texts = new ArrayList<>(count);
			List<List<String>> pieces = new ArrayList<>(count);
			for (int s = 0; s < count; s++) {
				texts.add(string(in));
				pieces.add(List.of(string(in).split(" ")));
			}
			int cells = Math.multiplyExact(layers, neurons);
			int slots = Math.multiplyExact(cells, k);
			int[] counts = new int[cells];
			float[] values = new float[slots];
			int[] sentences = new int[slots];
			char[] tokens = new char[slots];
			for (int c = 0; c < cells; c++) {
				counts[c] = in.readInt();
				for (int i = 0; i < k; i++) {
					values[c * k + i] = in.readFloat();
					sentences[c * k + i] = in.readInt();
					tokens[c * k + i] = in.readChar();
				}
			}
			return new ExampleArtifact(model, k, context, layers, neurons, List.copyOf(texts), List.copyOf(pieces),
					counts, values, sentences, tokens);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("truncated neuron-examples artifact", ex);
		}
	}

	/** A neuron's examples, best first. */
	public List<TopActivations.Entry> examples(int layer, int neuron) {
		int cell = layer * neurons + neuron;
		List<TopActivations.Entry> out = new ArrayList<>(counts[cell]);
		for (int i = 0; i < counts[cell]; i++) {
			int at = cell * topK + i;
			out.add(new TopActivations.Entry(values[at], sentences[at], tokens[at]));
		}
		return out;
	}

	/** Bytes held in memory, roughly. */
	public long bytes() {
		long total = (long) values.length * 10 + counts.length * 4L;
		for (int s = 0; s < texts.size(); s++) {
			total += 2L * texts.get(s).length() + 48L * pieces.get(s).size();
		}
		return total;
	}

	private static void string(DataOutputStream out, String value) throws IOException {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static String string(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > in.available()) {
			throw new IOException("string of %d bytes past the end".formatted(length));
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
