package dev.factlab.transformers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.UnavailableException;
import dev.factlab.mlp.ModelCatalog;
import dev.factlab.mlp.MlpModel;
import dev.factlab.mlp.NamedDirections;
import dev.factlab.params.MlpKind;
import dev.factlab.params.NormKind;
import dev.factlab.params.ParameterCount;
import dev.factlab.params.PositionKind;
import dev.factlab.params.TransformerConfig;
import dev.factlab.transformers.internal.CheckpointException;
import dev.factlab.transformers.internal.Gpt2Config;
import dev.factlab.transformers.internal.Gpt2Loader;
import dev.factlab.transformers.internal.Gpt2Tokenizer;
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.TextTokenizer;
import dev.factlab.transformers.internal.WordPieceTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The pretrained transformers: all-MiniLM-L6-v2 (built in) and the GPT-2-family
 * checkpoints an operator puts under {@code factlab.transformers.checkpoint-dir}, each
 * loaded on first use and charged to the model memory budget with the copies its products
 * keep of the projection weights (all-MiniLM-L6-v2: ≈ 1 s, 90 MB + 42 MB; GPT-2 small:
 * 498 MB + 113 MB), its layers' MLPs then also served as read-only models under
 * /api/v1/models.
 */
@Service
public class Transformers {

	private static final Logger log = LoggerFactory.getLogger(Transformers.class);

	/** The built-in model's id. */
	public static final String MINILM = "all-minilm-l6-v2";

	/** What a checkpoint's directory must be called to be served (and its id). */
	static final Pattern CHECKPOINT_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

	static final String MINILM_DESCRIPTION = "all-MiniLM-L6-v2 (sentence-transformers): a 6-layer BERT encoder, "
			+ "width 384, 12 heads, MLP 384 → 1,536 → 384 with GELU, WordPiece vocabulary of 30,522, read from "
			+ "langchain4j's ONNX file";

	private final TransformerLimits limits;

	private final Path checkpointDir;

	private final ModelCatalog catalog;

	private final ParameterCount parameterCount;

	private final Clock clock;

	private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

	/**
	 * A loaded model with its tokenizer.
	 *
	 * @param description what the model is
	 * @param weights BERT (post-norm) or GPT-2 (pre-norm, causal)
	 * @param tokenizer WordPiece for all-MiniLM-L6-v2, r50k_base BPE for GPT-2
	 * @param mlpModels ids of its layers' MLPs in the model catalog
	 */
	record Loaded(String description, EncoderWeights weights, TextTokenizer tokenizer, List<String> mlpModels) {

		/** True for GPT-2: causal, with a language-model head (the tied unembedding). */
		boolean decoder() {
			return weights.causal();
		}

		/**
		 * The model's forward pass: {@link TransformerPass} for BERT, {@link DecoderPass}
		 * for GPT-2.
		 */
		TransformerPass.Result run(List<int[]> sequences, List<Ablation> ablations) {
			return decoder() ? DecoderPass.run(weights, sequences, ablations)
					: TransformerPass.run(weights, sequences, ablations);
		}

	}

	Transformers(TransformerLimits limits, CheckpointSettings checkpoints, ModelCatalog catalog,
			ParameterCount parameterCount, ObjectProvider<Clock> clock) {
		this.limits = limits;
		this.checkpointDir = checkpoints.checkpointDir() == null ? null
				: checkpoints.checkpointDir().toAbsolutePath().normalize();
		this.catalog = catalog;
		this.parameterCount = parameterCount;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** all-MiniLM-L6-v2, then the checkpoints' ids in name order. */
	public List<String> ids() {
		List<String> ids = new ArrayList<>();
		ids.add(MINILM);
		ids.addAll(checkpointIds());
		return ids;
	}

	/**
	 * The subdirectories of the checkpoint directory with a valid name, a config.json and
	 * a model.safetensors (read again each time, so a checkpoint copied in later
	 * appears).
	 */
	private List<String> checkpointIds() {
		if (checkpointDir == null) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(checkpointDir)) {
			return entries.filter(Files::isDirectory)
				.map(dir -> dir.getFileName().toString())
				.filter(name -> CHECKPOINT_ID.matcher(name).matches() && !MINILM.equals(name))
				.filter(name -> Files.isRegularFile(checkpointDir.resolve(name).resolve(Gpt2Config.FILE))
						&& Files.isRegularFile(checkpointDir.resolve(name).resolve(Gpt2Loader.WEIGHTS)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			log.warn("factlab.transformers.checkpoint-dir {} can't be listed: {}", checkpointDir, ex.toString());
			return List.of();
		}
	}

	/**
	 * Every model: all-MiniLM-L6-v2 (loaded), each checkpoint as {@link #describe} gives
	 * it once loaded, else from its config.json alone, so listing never loads a GPT-2. A
	 * checkpoint whose config.json is malformed is left out (and logged); describing it
	 * names the fault.
	 */
	public List<TransformerInfo> list() {
		List<TransformerInfo> out = new ArrayList<>();
		out.add(describe(MINILM));
		for (String id : checkpointIds()) {
			if (loaded.containsKey(id)) {
				out.add(describe(id));
				continue;
			}
			try {
				Gpt2Config config = Gpt2Config.read(checkpointDir.resolve(id));
				out.add(info(id, description(id, config), "gpt2", config.vocabulary(), config.positions(),
						config.dModel(), config.layers(), config.heads(), config.neurons(), config.parameters(), 0,
						mlpIds(id, config.layers()), false));
			}
			catch (IOException | CheckpointException ex) {
				log.warn("GPT-2 checkpoint '{}' left out of the list: {}", id, ex.getMessage());
			}
		}
		return out;
	}

	/** Loads the model if needed and describes it from its tensors. */
	public TransformerInfo describe(String id) {
		Loaded model = load(id);
		EncoderWeights w = model.weights();
		long outside = w.typeEmbeddings() == null ? 0 : w.typeEmbeddings().elements();
		return info(id, model.description(), w.preNorm() ? "gpt2" : "bert", w.vocabulary(), w.maxPositions(),
				w.dModel(), w.layers().size(), w.heads(), w.neurons(), w.parameters(), outside, model.mlpModels(),
				true);
	}

	/**
	 * @param outside parameters the params module's decoder-only shape has no slot for
	 */
	private TransformerInfo info(String id, String description, String architecture, int vocabulary, int positions,
			int d, int layers, int heads, int neurons, long parameters, long outside, List<String> mlpModels,
			boolean loaded) {
		TransformerConfig config = new TransformerConfig(vocabulary, positions, d, layers, heads, d / heads, heads,
				neurons, MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		long full = parameterCount.count(config).conventions().full();
		return new TransformerInfo(id, description, architecture, layers, d, heads, neurons, vocabulary, positions,
				parameters, new TransformerInfo.Accounting(config, full, outside, full + outside),
				parameters * Float.BYTES, mlpModels, loaded);
	}

	/**
	 * @throws NotFoundException for an unknown id; {@link UnavailableException} when the
	 * weights can't be read or a checkpoint is malformed; {@link LimitExceededException}
	 * when the model memory budget can't hold a checkpoint
	 */
	Loaded load(String id) {
		Loaded model = id == null ? null : loaded.get(id);
		if (model != null) {
			return model;
		}
		boolean checkpoint = !MINILM.equals(id);
		if (checkpoint && (id == null || !checkpointIds().contains(id))) {
			throw new NotFoundException("Unknown transformer",
					"no transformer with id '%s'; known: %s".formatted(id, ids()))
				.with("known", ids());
		}
		synchronized (this) {
			model = loaded.get(id);
			if (model == null) {
				model = checkpoint ? readCheckpoint(id) : readMiniLm();
				loaded.put(id, model);
			}
		}
		return model;
	}

	private Loaded readMiniLm() {
		EncoderWeights weights;
		WordPieceTokenizer tokenizer;
		try {
			weights = MiniLmLoader.weights();
			tokenizer = MiniLmLoader.tokenizer();
		}
		catch (IOException | RuntimeException ex) {
			throw new UnavailableException("Transformer unavailable",
					"all-MiniLM-L6-v2 could not be read: %s".formatted(ex.getMessage()), Duration.ofSeconds(60));
		}
		return register(MINILM, MINILM_DESCRIPTION, weights, tokenizer, "all-MiniLM-L6-v2");
	}

	/**
	 * Reads a checkpoint's config, reserves its bytes in the model budget while the
	 * weights are read, then charges them for good with its layers' MLPs.
	 */
	private Loaded readCheckpoint(String id) {
		Path dir = checkpointDir.resolve(id).normalize();
		if (!checkpointDir.equals(dir.getParent())) {
			throw new NotFoundException("Unknown transformer", "no transformer with id '%s'".formatted(id));
		}
		Gpt2Config config;
		EncoderWeights weights;
		try {
			config = Gpt2Config.read(dir);
			long bytes = Math.multiplyExact(config.parameters(), (long) Float.BYTES);
			try (ModelCatalog.Charge loading = catalog.reserve("transformer '%s' (its config.json)".formatted(id),
					bytes)) {
				weights = Gpt2Loader.weights(dir, config);
			}
		}
		catch (CheckpointException | IOException | ArithmeticException ex) {
			throw new UnavailableException("Checkpoint unreadable",
					"the GPT-2 checkpoint '%s' can't be loaded: %s".formatted(id, ex.getMessage()),
					Duration.ofSeconds(60))
				.with("transformer", id);
		}
		return register(id, description(id, config), weights, Gpt2Tokenizer.get(),
				"the GPT-2 checkpoint '%s'".formatted(id));
	}

	private static String description(String id, Gpt2Config config) {
		return ("GPT-2 checkpoint '%s' (factlab.transformers.checkpoint-dir): %d layers, width %d, %d heads, MLP %d → "
				+ "%d → %d with %s, r50k_base BPE vocabulary of %,d, %,d positions")
			.formatted(id, config.layers(), config.dModel(), config.heads(), config.dModel(), config.neurons(),
					config.dModel(), config.activation().wireName(), config.vocabulary(), config.positions());
	}

	private static List<String> mlpIds(String id, int layers) {
		return java.util.stream.IntStream.range(0, layers).mapToObj(l -> id + "-mlp-" + l).toList();
	}

	private Loaded register(String id, String description, EncoderWeights weights, TextTokenizer tokenizer,
			String name) {
		List<MlpModel> layers = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			layers.add(new MlpModel(mlpIds(id, weights.layers().size()).get(l),
					"Layer %d's MLP of %s (read-only: owned by /api/v1/transformers/%s)".formatted(l, name, id), true,
					weights.layers().get(l).mlp(), NamedDirections.NONE, List.of(), clock.instant()));
		}
		try {
			catalog.addExternal(layers, Math.addExact(weights.bytes(), weights.productCopyBytes()));
		}
		catch (RuntimeException refused) {
			// over the budget or the model count, or an id taken: nothing else holds the
			// weights, so their off-heap memory goes now rather than when the GC finds it
			weights.close();
			throw refused;
		}
		return new Loaded(description, weights, tokenizer, layers.stream().map(MlpModel::id).toList());
	}

	/**
	 * @return the text's tokens
	 * @throws InvalidInputException empty; {@link LimitExceededException} too long
	 */
	TextTokenizer.Encoding tokenize(Loaded model, String field, String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("Empty text",
					"%s must contain at least one non-blank character".formatted(field));
		}
		if (text.length() > limits.maxTextChars()) {
			throw new LimitExceededException("characters of %s (factlab.transformers.max-text-chars)".formatted(field),
					limits.maxTextChars(), text.length(), "characters");
		}
		TextTokenizer.Encoding encoding = model.tokenizer().encode(text);
		int cap = Math.min(limits.maxTokens(), model.weights().maxPositions());
		if (encoding.ids().length > cap) {
			String what = model.decoder() ? "tokens of %s (the model has %d positions)"
					: "word pieces of %s ([CLS] and [SEP] included; the model has %d positions)";
			throw new LimitExceededException(what.formatted(field, model.weights().maxPositions()), cap,
					encoding.ids().length, "tokens");
		}
		return encoding;
	}

	TransformerLimits limits() {
		return limits;
	}

}
