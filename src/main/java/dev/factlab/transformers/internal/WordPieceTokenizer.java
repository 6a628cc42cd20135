package dev.factlab.transformers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BERT's tokenizer as its tokenizer.json describes it, every step configured from the
 * file: the added tokens found in the raw text ({@link AddedTokens}), the normaliser
 * ({@link BertNormalizer} with the file's flags), the pre-tokeniser
 * ({@link BertPreTokenizer}), then WordPiece (greedy longest match, the file's
 * continuation prefix, a word that can't be covered or is longer than the file's
 * max_input_chars_per_word becomes its unk_token), framed by the post-processor's special
 * tokens ({@link TokenFrame}: {@code [CLS]} … {@code [SEP]}). A file with a step of a
 * kind this does not implement is refused ({@link TokenizerConfigException}).
 */
public final class WordPieceTokenizer implements TextTokenizer {

	private final Map<String, Integer> vocab;

	private final String[] pieces;

	private final String prefix;

	private final int maxCharsPerWord;

	private final int unk;

	private final BertNormalizer normalizer;

	private final AddedTokens added;

	private final TokenFrame frame;

	/**
	 * @param model the tokenizer.json's {@code model} section, a WordPiece
	 * @param tokenizer the whole file, for its other sections
	 */
	private WordPieceTokenizer(JsonNode model, JsonNode tokenizer) {
		this.vocab = new HashMap<>();
		model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
		this.prefix = model.path("continuing_subword_prefix").asString("##");
		this.maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
		this.normalizer = BertNormalizer.read(tokenizer.get("normalizer"));
		BertPreTokenizer.check(tokenizer.get("pre_tokenizer"));
		this.added = AddedTokens.read(tokenizer.get("added_tokens"));
		this.frame = TokenFrame.read(tokenizer.get("post_processor"));
		int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
		for (AddedTokens.Token token : added.tokens()) {
			size = Math.max(size, token.id() + 1);
		}
		this.pieces = new String[size];
		vocab.forEach((piece, id) -> pieces[id] = piece);
		added.tokens().forEach(token -> pieces[token.id()] = token.content());
		String unkToken = model.path("unk_token").asString("[UNK]");
		Integer unkId = vocab.get(unkToken);
		if (unkId == null) {
			throw new TokenizerConfigException(
					"tokenizer.json's unk_token '%s' is not in the vocabulary".formatted(unkToken));
		}
		this.unk = unkId;
		for (int[] ids : new int[][] { frame.before(), frame.after() }) {
			for (int id : ids) {
				if (id < 0 || id >= pieces.length || pieces[id] == null) {
					throw new TokenizerConfigException(
							"tokenizer.json's post_processor adds the id %d, which no token has".formatted(id));
				}
			}
		}
	}

	/**
	 * @param tokenizerJson a HuggingFace tokenizer.json with a WordPiece model. Read, not
	 * closed.
	 * @throws TokenizerConfigException for a file whose model, normaliser, pre-tokeniser,
	 * post-processor or added tokens this does not implement
	 */
	public static WordPieceTokenizer read(InputStream tokenizerJson) throws IOException {
		JsonNode tokenizer = JsonMapper.builder().build().readTree(tokenizerJson);
		JsonNode model = tokenizer.get("model");
		String type = model == null ? "none" : model.path("type").asString("");
		if (!"WordPiece".equals(type)) {
			throw new TokenizerConfigException(
					"tokenizer.json's model is of type '%s'; only WordPiece is implemented".formatted(type));
		}
		return new WordPieceTokenizer(model, tokenizer);
	}

	@Override
	public int vocabularySize() {
		return pieces.length;
	}

	/**
	 * @return the vocabulary entry of {@code id}
	 */
	@Override
	public String piece(int id) {
		return pieces[id];
	}

	/**
	 * @return the ids of {@code text} framed by the post-processor's special tokens
	 * ([CLS] … [SEP]), untruncated
	 */
	@Override
	public Encoding encode(String text) {
		List<Integer> ids = new ArrayList<>();
		for (int id : frame.before()) {
			ids.add(id);
		}
		added.split(text, between -> {
			for (String word : BertPreTokenizer.split(normalizer.normalize(between))) {
				wordPiece(word, ids);
			}
		}, ids::add);
		for (int id : frame.after()) {
			ids.add(id);
		}
		int[] out = ids.stream().mapToInt(Integer::intValue).toArray();
		List<String> names = ids.stream().map(i -> pieces[i]).toList();
		return new Encoding(out, names, frame.before().length, frame.after().length);
	}

	/**
	 * @param ids where the word's ids go. Modified.
	 */
	private void wordPiece(String word, List<Integer> ids) {
		if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
			ids.add(unk);
			return;
		}
		List<Integer> found = new ArrayList<>();
		int start = 0;
		while (start < word.length()) {
			int end = word.length();
			Integer match = null;
			while (start < end) {
				String candidate = (start > 0 ? prefix : "") + word.substring(start, end);
				match = vocab.get(candidate);
				if (match != null) {
					break;
				}
				end = word.offsetByCodePoints(end, -1);
			}
			if (match == null) {
				ids.add(unk);
				return;
			}
			found.add(match);
			start = end;
		}
		ids.addAll(found);
	}

}
