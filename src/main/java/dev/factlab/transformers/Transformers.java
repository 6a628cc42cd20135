package dev.factlab.transformers;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.WordPieceTokenizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The pretrained transformers: all-MiniLM-L6-v2, loaded on first use (≈ 1 s, 90 MB
 * charged to the model memory budget), its layers' MLPs then also served as read-only
 * models under /api/v1/models.
 */
@Service
public class Transformers {

	/** The built-in model's id. */
	public static final String MINILM = "all-minilm-l6-v2";

	static final String MINILM_DESCRIPTION = "all-MiniLM-L6-v2 (sentence-transformers): a 6-layer BERT encoder, "
			+ "width 384, 12 heads, MLP 384 → 1,536 → 384 with GELU, WordPiece vocabulary of 30,522, read from "
			+ "langchain4j's ONNX file";

	private final TransformerLimits limits;

	private final ModelCatalog catalog;

	private final ParameterCount parameterCount;

	private final Clock clock;

	private volatile Loaded minilm;

	/** A loaded model with its tokenizer. */
	record Loaded(EncoderWeights weights, WordPieceTokenizer tokenizer, List<String> mlpModels) {
	}

	Transformers(TransformerLimits limits, ModelCatalog catalog, ParameterCount parameterCount,
			ObjectProvider<Clock> clock) {
		this.limits = limits;
		this.catalog = catalog;
		this.parameterCount = parameterCount;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	public List<String> ids() {
		return List.of(MINILM);
	}

	public TransformerInfo describe(String id) {
		Loaded model = load(id);
		EncoderWeights w = model.weights();
		TransformerConfig config = new TransformerConfig(w.vocabulary(), w.maxPositions(), w.dModel(),
				w.layers().size(), w.heads(), w.dModel() / w.heads(), w.heads(), w.neurons(), MlpKind.STANDARD, true,
				true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		long full = parameterCount.count(config).conventions().full();
		long outside = w.typeEmbeddings() == null ? 0 : w.typeEmbeddings().elements();
		return new TransformerInfo(id, MINILM_DESCRIPTION, w.preNorm() ? "gpt2" : "bert", w.layers().size(), w.dModel(),
				w.heads(), w.neurons(), w.vocabulary(), w.maxPositions(), w.parameters(),
				new TransformerInfo.Accounting(config, full, outside, full + outside), w.bytes(), model.mlpModels());
	}

	/**
	 * @throws NotFoundException for an unknown id; {@link UnavailableException} when the
	 * weights can't be read
	 */
	Loaded load(String id) {
		if (!MINILM.equals(id)) {
			throw new NotFoundException("Unknown transformer",
					"no transformer with id '%s'; known: %s".formatted(id, ids()))
				.with("known", ids());
		}
		Loaded loaded = minilm;
		if (loaded == null) {
			synchronized (this) {
				loaded = minilm;
				if (loaded == null) {
					loaded = readMiniLm();
					minilm = loaded;
				}
			}
		}
		return loaded;
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
		List<MlpModel> layers = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			layers.add(new MlpModel(MINILM + "-mlp-" + l,
					"Layer %d's MLP of all-MiniLM-L6-v2 (read-only: owned by /api/v1/transformers/%s)".formatted(l,
							MINILM),
					true, weights.layers().get(l).mlp(), NamedDirections.NONE, List.of(), clock.instant()));
		}
		catalog.addExternal(layers, weights.bytes());
		return new Loaded(weights, tokenizer, layers.stream().map(MlpModel::id).toList());
	}

	/**
	 * @return the text's word pieces
	 * @throws InvalidInputException empty; {@link LimitExceededException} too long
	 */
	WordPieceTokenizer.Encoding tokenize(Loaded model, String field, String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("Empty text",
					"%s must contain at least one non-blank character".formatted(field));
		}
		if (text.length() > limits.maxTextChars()) {
			throw new LimitExceededException("characters of %s".formatted(field), limits.maxTextChars(), text.length(),
					"characters");
		}
		WordPieceTokenizer.Encoding encoding = model.tokenizer().encode(text);
		int cap = Math.min(limits.maxTokens(), model.weights().maxPositions());
		if (encoding.ids().length > cap) {
			throw new LimitExceededException("word pieces of %s ([CLS] and [SEP] included; the model has %d positions)"
				.formatted(field, model.weights().maxPositions()), cap, encoding.ids().length, "tokens");
		}
		return encoding;
	}

	TransformerLimits limits() {
		return limits;
	}

}
