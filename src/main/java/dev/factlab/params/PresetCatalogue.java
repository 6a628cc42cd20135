package dev.factlab.params;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.factlab.errors.NotFoundException;

/**
 * Published configurations: the eight GPT-3 models of Table 2.1, the four GPT-2
 * checkpoints, Llama-2-7B and Llama-3-8B, each with the total it reproduces (GPT-3: Table
 * D.1 at its printed precision; GPT-2 and Llama: the released checkpoints exactly).
 * GPT-style presets use GPT-2's choices (biases on every linear, LayerNorm, tied
 * embeddings, learned positions, vocabulary 50,257), which the GPT-3 paper says it kept.
 * Where a source's table contradicts its own count, the preset follows the reading that
 * reproduces the count and its notes say so.
 */
@Component
public class PresetCatalogue {

	private static final String GPT3 = "Brown et al. (2020), \"Language Models are Few-Shot Learners\", Table 2.1 "
			+ "(n_layers, d_model, n_heads, d_head; d_ff = 4 · d_model, context 2048) and Table D.1 (parameters)";

	private static final String TABLE_D1 = "Brown et al. (2020), Table D.1, \"Params (M)\"";

	private static final String GPT3_NOTES = "Table 2.1 gives layers, widths and heads only; biases, LayerNorm, tied "
			+ "embeddings, learned positions and the vocabulary of 50,257 follow GPT-2, as the paper says. The total "
			+ "to reproduce is Table D.1's, which prints three or four significant digits.";

	private static final String GPT2 = "Radford et al. (2019), \"Language Models are Unsupervised Multitask Learners\", "
			+ "Table 2, and the released checkpoints' config.json (openai-community/%s on Hugging Face)";

	private static final String GPT2_NOTES = "The paper's Table 2 prints %s; the released checkpoint has %,d, the count "
			+ "this preset reproduces.";

	private static final List<Preset> PRESETS = List.of(
			gpt3("gpt3-small", "GPT-3 Small", "125M", 125, 12, 768, 12, 64, ""),
			gpt3("gpt3-medium", "GPT-3 Medium", "350M", 356, 24, 1024, 16, 64,
					" Table 2.1 rounds this model to 350M; Table D.1 prints 356M, which the configuration reproduces."),
			gpt3("gpt3-large", "GPT-3 Large", "760M", 760, 24, 1536, 16, 96, ""),
			gpt3("gpt3-xl", "GPT-3 XL", "1.3B", 1320, 24, 2048, 16, 128,
					" Table 2.1 contradicts itself here: it prints d_model = 2,048 with 24 heads of d_head = 128, and "
							+ "24 × 128 = 3,072 ≠ 2,048. Read as printed (attention 3,072 wide) the model has about "
							+ "1.52B parameters, not Table D.1's 1,320M; with an attention width of 2,048 it has "
							+ "1,315.7M, which rounds to 1,320M. 2,048 / 24 is not whole, so this preset keeps "
							+ "d_head = 128 and takes 16 heads (as EleutherAI's GPT-Neo 1.3B does); the head count "
							+ "does not change the parameter count, only the attention width does."),
			gpt3("gpt3-2.7b", "GPT-3 2.7B", "2.7B", 2650, 32, 2560, 32, 80, ""),
			gpt3("gpt3-6.7b", "GPT-3 6.7B", "6.7B", 6660, 32, 4096, 32, 128, ""),
			gpt3("gpt3-13b", "GPT-3 13B", "13.0B", 12850, 40, 5120, 40, 128,
					" Table 2.1 prints d_model = 5,140, a known typo: 5,140 / 40 heads is not whole, 40 × 128 = "
							+ "5,120, and only d_model = 5,120 reproduces Table D.1's 12,850M (5,140 gives 12,952M)."),
			gpt3("gpt3-175b", "GPT-3 175B", "175.0B", 174600, 96, 12288, 96, 128,
					" The lesson's model: 12,288 wide, 96 layers, 96 heads of 128."),
			gpt2("gpt2", "gpt2-small", "GPT-2 small", "117M", 124_439_808L, 12, 768, 12),
			gpt2("gpt2-medium", "gpt2-medium", "GPT-2 medium", "345M", 354_823_168L, 24, 1024, 16),
			gpt2("gpt2-large", "gpt2-large", "GPT-2 large", "762M", 774_030_080L, 36, 1280, 20),
			gpt2("gpt2-xl", "gpt2-xl", "GPT-2 XL", "1542M", 1_557_611_200L, 48, 1600, 25),
			new Preset("llama-2-7b", "Llama-2-7B",
					"Touvron et al. (2023), \"Llama 2: Open Foundation and Fine-Tuned Chat Models\", Table 1, and "
							+ "config.json of meta-llama/Llama-2-7b-hf",
					"7B; 6,738,415,616 in the released checkpoint",
					PublishedTotal.exact(6_738_415_616L, "meta-llama/Llama-2-7b-hf, the released checkpoint"),
					"SwiGLU MLP (gate, up, down) with d_ff 11,008, RMSNorm, rotary positions, untied embeddings, no biases.",
					llama(32000, 4096, 4096, 32, 32, 32, 11008)),
			new Preset("llama-3-8b", "Llama-3-8B",
					"Meta Llama 3 model card (meta-llama/llama3, MODEL_CARD.md) and config.json of "
							+ "meta-llama/Meta-Llama-3-8B",
					"8B; 8,030,261,248 in the released checkpoint",
					PublishedTotal.exact(8_030_261_248L, "meta-llama/Meta-Llama-3-8B, the released checkpoint"),
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

	private static Preset gpt3(String name, String title, String table21, long tableD1Millions, int layers, int dModel,
			int heads, int dHead, String notes) {
		String published = String.format(Locale.ROOT, "%s (Table 2.1); %,dM (Table D.1)", table21, tableD1Millions);
		return new Preset(name, title, GPT3, published, PublishedTotal.millions(tableD1Millions, TABLE_D1),
				GPT3_NOTES + notes, new TransformerConfig(50257, 2048, dModel, layers, heads, dHead, heads, 4 * dModel,
						MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null));
	}

	private static Preset gpt2(String checkpoint, String name, String title, String paper, long released, int layers,
			int dModel, int heads) {
		return new Preset(name, title, GPT2.formatted(checkpoint),
				String.format(Locale.ROOT, "%s (paper); %,d (checkpoint)", paper, released),
				PublishedTotal.exact(released, "openai-community/%s, the released checkpoint".formatted(checkpoint)),
				String.format(Locale.ROOT, GPT2_NOTES, paper, released),
				new TransformerConfig(50257, 1024, dModel, layers, heads, dModel / heads, heads, 4 * dModel,
						MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null));
	}

	private static TransformerConfig llama(int vocab, int context, int dModel, int layers, int heads, int kvHeads,
			int dFf) {
		return new TransformerConfig(vocab, context, dModel, layers, heads, dModel / heads, kvHeads, dFf, MlpKind.GATED,
				false, false, NormKind.RMSNORM, PositionKind.NONE, false, null);
	}

}
