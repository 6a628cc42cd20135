package dev.factlab.params;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.factlab.errors.NotFoundException;

/**
 * Published configurations: the eight GPT-3 models of Table 2.1, the four GPT-2
 * checkpoints, Llama-2-7B and Llama-3-8B. GPT-style presets use GPT-2's choices (biases
 * on every linear, LayerNorm, tied embeddings, learned positions, vocabulary 50,257),
 * which the GPT-3 paper says it kept.
 */
@Component
public class PresetCatalogue {

	private static final String GPT3 = "Brown et al. (2020), \"Language Models are Few-Shot Learners\", Table 2.1 "
			+ "(n_layers, d_model, n_heads, d_head; d_ff = 4 · d_model, context 2048)";

	private static final String GPT3_NOTES = "Table 2.1 gives layers, widths and heads only; biases, LayerNorm, tied "
			+ "embeddings, learned positions and the vocabulary of 50,257 follow GPT-2, as the paper says.";

	private static final String GPT2 = "Radford et al. (2019), \"Language Models are Unsupervised Multitask Learners\", "
			+ "Table 2, and the released checkpoints' config.json (openai-community/%s on Hugging Face)";

	private static final String GPT2_NOTES = "The paper's Table 2 prints %s; the released checkpoint has %s, the count "
			+ "this preset reproduces.";

	private static final List<Preset> PRESETS = List.of(gpt3("gpt3-small", "GPT-3 Small", "125M", 12, 768, 12, 64, ""),
			gpt3("gpt3-medium", "GPT-3 Medium", "350M", 24, 1024, 16, 64, ""),
			gpt3("gpt3-large", "GPT-3 Large", "760M", 24, 1536, 16, 96, ""),
			gpt3("gpt3-xl", "GPT-3 XL", "1.3B", 24, 2048, 24, 128,
					" As printed, 24 heads × 128 = 3,072 ≠ d_model = 2,048; the preset keeps the printed values (and "
							+ "warns), which give about 1.52B. An attention width of 2,048 gives 1.32B, closer to the "
							+ "paper's 1.3B, but 2,048 / 24 is not whole, so the printed head count or width is off."),
			gpt3("gpt3-2.7b", "GPT-3 2.7B", "2.7B", 32, 2560, 32, 80, ""),
			gpt3("gpt3-6.7b", "GPT-3 6.7B", "6.7B", 32, 4096, 32, 128, ""),
			gpt3("gpt3-13b", "GPT-3 13B", "13.0B", 40, 5120, 40, 128,
					" Table 2.1 prints d_model = 5140, a known typo: 5140 / 40 heads is not whole, and 40 × 128 = 5,120."),
			gpt3("gpt3-175b", "GPT-3 175B", "175.0B (Table 2.1); 174,600M (Table D.1)", 96, 12288, 96, 128,
					" The lesson's model: 12,288 wide, 96 layers, 96 heads of 128."),
			gpt2("gpt2", "gpt2-small", "GPT-2 small", "117M", "124,439,808", 12, 768, 12),
			gpt2("gpt2-medium", "gpt2-medium", "GPT-2 medium", "345M", "354,823,168", 24, 1024, 16),
			gpt2("gpt2-large", "gpt2-large", "GPT-2 large", "762M", "774,030,080", 36, 1280, 20),
			gpt2("gpt2-xl", "gpt2-xl", "GPT-2 XL", "1542M", "1,557,611,200", 48, 1600, 25),
			new Preset("llama-2-7b", "Llama-2-7B",
					"Touvron et al. (2023), \"Llama 2: Open Foundation and Fine-Tuned Chat Models\", Table 1, and "
							+ "config.json of meta-llama/Llama-2-7b-hf",
					"7B; 6,738,415,616 in the released checkpoint",
					"SwiGLU MLP (gate, up, down) with d_ff 11,008, RMSNorm, rotary positions, untied embeddings, no biases.",
					llama(32000, 4096, 4096, 32, 32, 32, 11008)),
			new Preset("llama-3-8b", "Llama-3-8B",
					"Meta Llama 3 model card (meta-llama/llama3, MODEL_CARD.md) and config.json of "
							+ "meta-llama/Meta-Llama-3-8B",
					"8B; 8,030,261,248 in the released checkpoint",
					"Grouped-query attention with 8 key/value heads, SwiGLU d_ff 14,336, RMSNorm, rotary positions, "
							+ "untied embeddings, no biases, vocabulary 128,256.",
					llama(128256, 8192, 4096, 32, 32, 8, 14336)));

	private static final List<String> NAMES = PRESETS.stream().map(Preset::name).toList();

	/** Every preset, in the order above. */
	public List<Preset> all() {
		return PRESETS;
	}

	public List<String> names() {
		return NAMES;
	}

	/**
	 * @throws NotFoundException listing the known names (also as extension member
	 * {@code known})
	 */
	public Preset find(String name) {
		return PRESETS.stream()
			.filter(p -> p.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Unknown preset",
					"No preset named '%s'; known presets: %s".formatted(name, String.join(", ", NAMES)))
				.with("known", NAMES));
	}

	private static Preset gpt3(String name, String title, String published, int layers, int dModel, int heads,
			int dHead, String notes) {
		return new Preset(name, title, GPT3, published, GPT3_NOTES + notes,
				new TransformerConfig(50257, 2048, dModel, layers, heads, dHead, heads, 4 * dModel, MlpKind.STANDARD,
						true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null));
	}

	private static Preset gpt2(String checkpoint, String name, String title, String paper, String released, int layers,
			int dModel, int heads) {
		return new Preset(name, title, GPT2.formatted(checkpoint), paper + " (paper); " + released + " (checkpoint)",
				GPT2_NOTES.formatted(paper, released),
				new TransformerConfig(50257, 1024, dModel, layers, heads, dModel / heads, heads, 4 * dModel,
						MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null));
	}

	private static TransformerConfig llama(int vocab, int context, int dModel, int layers, int heads, int kvHeads,
			int dFf) {
		return new TransformerConfig(vocab, context, dModel, layers, heads, dModel / heads, kvHeads, dFf, MlpKind.GATED,
				false, false, NormKind.RMSNORM, PositionKind.NONE, false, null);
	}

}
