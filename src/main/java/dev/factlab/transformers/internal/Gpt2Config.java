package dev.factlab.transformers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.factlab.tensor.Activation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a Hugging Face GPT-2 {@code config.json} that fix the shape of the
 * weights, checked for what this service can run.
 *
 * @param vocabulary {@code vocab_size}: must be r50k_base's 50,257
 * @param positions {@code n_positions} (or the older {@code n_ctx})
 * @param dModel {@code n_embd}
 * @param layers {@code n_layer}
 * @param heads {@code n_head}, dividing dModel
 * @param neurons {@code n_inner}, 4·dModel when null or absent
 * @param epsilon {@code layer_norm_epsilon}, 1e-5 when absent
 * @param activation {@code activation_function}: gelu_new (the default) and
 * gelu_pytorch_tanh are the tanh approximation, gelu the exact one
 */
public record Gpt2Config(int vocabulary, int positions, int dModel, int layers, int heads, int neurons, double epsilon,
		Activation activation) {

	/** r50k_base's vocabulary, the only tokenizer this service has for GPT-2. */
	public static final int R50K_VOCABULARY = 50257;

	public static final String FILE = "config.json";

	/** Caps far above GPT-2 XL's (1,600 wide, 48 layers, 25 heads, 1,024 positions). */
	static final int MAX_WIDTH = 1 << 16;

	static final int MAX_LAYERS = 1 << 10;

	static final int MAX_POSITIONS = 1 << 20;

	/**
	 * @throws CheckpointException when the file is not a GPT-2 config this service can
	 * run
	 */
	public static Gpt2Config read(Path directory) throws IOException {
		JsonNode root;
		try {
			root = JsonMapper.builder().build().readTree(Files.readAllBytes(directory.resolve(FILE)));
		}
		catch (JacksonException ex) {
			throw new CheckpointException("%s is not JSON: %s".formatted(FILE, ex.getOriginalMessage()));
		}
		if (root == null || !root.isObject()) {
			throw new CheckpointException("%s is not a JSON object".formatted(FILE));
		}
		String type = root.path("model_type").asString("gpt2");
		if (!"gpt2".equals(type)) {
			throw new CheckpointException(
					"%s has model_type '%s'; only gpt2 checkpoints can be loaded".formatted(FILE, type));
		}
		int d = positive(root, "n_embd", MAX_WIDTH);
		int heads = positive(root, "n_head", MAX_WIDTH);
		if (d % heads != 0) {
			throw new CheckpointException("%s: n_head %d does not divide n_embd %d".formatted(FILE, heads, d));
		}
		int vocabulary = positive(root, "vocab_size", Integer.MAX_VALUE);
		if (vocabulary != R50K_VOCABULARY) {
			throw new CheckpointException("%s: vocab_size is %d, but the GPT-2 tokenizer (r50k_base) has %d tokens"
				.formatted(FILE, vocabulary, R50K_VOCABULARY));
		}
		int positions = root.has("n_positions") ? positive(root, "n_positions", MAX_POSITIONS)
				: positive(root, "n_ctx", MAX_POSITIONS);
		JsonNode inner = root.get("n_inner");
		int neurons = inner == null || inner.isNull() ? 4 * d : positive(root, "n_inner", 4 * MAX_WIDTH);
		double epsilon = root.has("layer_norm_epsilon") ? root.get("layer_norm_epsilon").asDouble() : 1e-5;
		if (!(epsilon > 0 && epsilon < 1)) {
			throw new CheckpointException("%s: layer_norm_epsilon must be in (0, 1) but was %s".formatted(FILE,
					root.get("layer_norm_epsilon")));
		}
		String function = root.path("activation_function").asString("gelu_new");
		Activation activation = switch (function) {
			case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> Activation.GELU_TANH;
			case "gelu" -> Activation.GELU;
			case "relu" -> Activation.RELU;
			case "silu", "swish" -> Activation.SILU;
			default -> throw new CheckpointException(
					"%s: activation_function '%s' is not one of gelu_new, gelu_pytorch_tanh, gelu_fast, gelu, relu, silu"
						.formatted(FILE, function));
		};
		return new Gpt2Config(vocabulary, positions, d, positive(root, "n_layer", MAX_LAYERS), heads, neurons, epsilon,
				activation);
	}

	private static int positive(JsonNode root, String field, int max) {
		JsonNode value = root.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0
				|| value.asInt() > max) {
			throw new CheckpointException("%s: %s must be an integer from 1 to %d but was %s".formatted(FILE, field,
					max, value == null ? "absent" : value.toString()));
		}
		return value.asInt();
	}

	/**
	 * Every weight and bias: embeddings, layers, the final norm (the unembedding is
	 * tied).
	 */
	public long parameters() {
		long d = dModel;
		long perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * neurons + neurons)
				+ ((long) neurons * d + d);
		return (long) vocabulary * d + (long) positions * d + layers * perLayer + 2 * d;
	}

}
