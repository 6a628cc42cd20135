package dev.factlab.transformers.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.transformers.EncoderLayer;
import dev.factlab.transformers.EncoderWeights;

/**
 * Builds a GPT-2 from a Hugging Face checkpoint directory: {@code config.json} and
 * {@code model.safetensors} with {@code wte}, {@code wpe}, {@code h.N.ln_1},
 * {@code h.N.attn.c_attn}, {@code h.N.attn.c_proj}, {@code h.N.ln_2},
 * {@code h.N.mlp.c_fc}, {@code h.N.mlp.c_proj} and {@code ln_f} (each name with or
 * without the {@code transformer.} prefix; other tensors, such as the causal-mask buffers
 * {@code h.N.attn.bias} or a tied {@code lm_head.weight}, are ignored). GPT-2's
 * {@code Conv1D} stores its weight {@code [in, out]}; it is transposed here to the
 * {@code [out, in]} of the affine map, and {@code c_attn}'s {@code [d, 3d]} is split into
 * the query, key and value projections. Every shape is checked against the config.
 */
public final class Gpt2Loader {

	public static final String WEIGHTS = "model.safetensors";

	private static final String PREFIX = "transformer.";

	private Gpt2Loader() {
	}

	/**
	 * @param directory holding {@value Gpt2Config#FILE} and {@value #WEIGHTS}
	 * @param config its config, {@link Gpt2Config#read}
	 * @return the weights, pre-norm and causal; off-heap matrices are the caller's to
	 * close
	 * @throws CheckpointException naming the tensor and what was expected
	 */
	public static EncoderWeights weights(Path directory, Gpt2Config config) throws IOException {
		try (SafeTensors file = SafeTensors.open(directory.resolve(WEIGHTS))) {
			Reader reader = new Reader(file);
			int d = config.dModel();
			int n = config.neurons();
			// every name, shape and dtype first, so that a bad file fails before anything
			// is
			// allocated
			reader.find("wte.weight", config.vocabulary(), d);
			reader.find("wpe.weight", config.positions(), d);
			reader.find("ln_f.weight", d);
			reader.find("ln_f.bias", d);
			for (int l = 0; l < config.layers(); l++) {
				String p = "h.%d.".formatted(l);
				for (String norm : new String[] { "ln_1", "ln_2" }) {
					reader.find(p + norm + ".weight", d);
					reader.find(p + norm + ".bias", d);
				}
				reader.find(p + "attn.c_attn.weight", d, 3L * d);
				reader.find(p + "attn.c_attn.bias", 3L * d);
				reader.find(p + "attn.c_proj.weight", d, d);
				reader.find(p + "attn.c_proj.bias", d);
				reader.find(p + "mlp.c_fc.weight", d, n);
				reader.find(p + "mlp.c_fc.bias", n);
				reader.find(p + "mlp.c_proj.weight", n, d);
				reader.find(p + "mlp.c_proj.bias", d);
			}
			FloatMatrix wte = reader.matrix("wte.weight", config.vocabulary(), d);
			FloatMatrix wpe = reader.matrix("wpe.weight", config.positions(), d);
			List<EncoderLayer> layers = new ArrayList<>();
			for (int l = 0; l < config.layers(); l++) {
				layers.add(layer(reader, config, "h.%d.".formatted(l)));
			}
			EncoderLayer.Norm lnF = reader.norm("ln_f", d, config.epsilon());
			return new EncoderWeights(wte, wpe, null, lnF, layers, config.heads(), true, true);
		}
	}

	private static EncoderLayer layer(Reader reader, Gpt2Config config, String p) throws IOException {
		int d = config.dModel();
		int n = config.neurons();
		float[] qkvBias = reader.vector(p + "attn.c_attn.bias", 3 * d);
		MlpWeights mlp = new MlpWeights(reader.conv1d(p + "mlp.c_fc.weight", d, n, 0, n),
				reader.vector(p + "mlp.c_fc.bias", n), reader.conv1d(p + "mlp.c_proj.weight", n, d, 0, d),
				reader.vector(p + "mlp.c_proj.bias", d), config.activation());
		return new EncoderLayer(reader.conv1d(p + "attn.c_attn.weight", d, 3 * d, 0, d),
				Arrays.copyOfRange(qkvBias, 0, d), reader.conv1d(p + "attn.c_attn.weight", d, 3 * d, d, d),
				Arrays.copyOfRange(qkvBias, d, 2 * d), reader.conv1d(p + "attn.c_attn.weight", d, 3 * d, 2 * d, d),
				Arrays.copyOfRange(qkvBias, 2 * d, 3 * d), reader.conv1d(p + "attn.c_proj.weight", d, d, 0, d),
				reader.vector(p + "attn.c_proj.bias", d), reader.norm(p + "ln_1", d, config.epsilon()), mlp,
				reader.norm(p + "ln_2", d, config.epsilon()));
	}

	/** Finds tensors by name and checks their shapes. */
	private record Reader(SafeTensors file) {

		SafeTensors.Entry find(String name, long... shape) {
			SafeTensors.Entry entry = file.entry(name);
			if (entry == null) {
				entry = file.entry(PREFIX + name);
			}
			if (entry == null) {
				throw new CheckpointException(
						"%s has no tensor '%s' (nor '%s%s')".formatted(WEIGHTS, name, PREFIX, name));
			}
			if (!Arrays.equals(entry.shape(), shape)) {
				throw new CheckpointException(
						"tensor %s: config.json expects shape %s".formatted(entry, Arrays.toString(shape)));
			}
			if (SafeTensors.dtypeOf(entry.dtype()) == null) {
				throw new CheckpointException(
						"tensor %s: only F32, F16 and BF16 can be read (F16 and BF16 are widened ".formatted(entry)
								+ "to float32)");
			}
			return entry;
		}

		FloatMatrix matrix(String name, int rows, int cols) throws IOException {
			SafeTensors.Elements values = file.elements(find(name, rows, cols));
			return FloatMatrix.build(rows, cols, (r, out) -> {
				int offset = r * cols;
				for (int c = 0; c < cols; c++) {
					out[c] = values.get(offset + c);
				}
			});
		}

		/**
		 * Columns {@code [from, from+count)} of a Conv1D weight {@code [in, out]}, as
		 * {@code [count, in]}.
		 */
		FloatMatrix conv1d(String name, int in, int out, int from, int count) throws IOException {
			SafeTensors.Elements values = file.elements(find(name, in, out));
			return FloatMatrix.build(count, in, (r, row) -> {
				for (int i = 0; i < in; i++) {
					row[i] = values.get(i * out + from + r);
				}
			});
		}

		float[] vector(String name, int length) throws IOException {
			SafeTensors.Elements values = file.elements(find(name, length));
			float[] out = new float[length];
			for (int i = 0; i < length; i++) {
				out[i] = values.get(i);
			}
			return out;
		}

		EncoderLayer.Norm norm(String prefix, int d, double epsilon) throws IOException {
			return new EncoderLayer.Norm(vector(prefix + ".weight", d), vector(prefix + ".bias", d), epsilon);
		}

	}

}
