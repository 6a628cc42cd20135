package dev.factlab.transformers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BERT's tokenizer as its tokenizer.json describes it: the BertNormalizer (clean text,
 * spaces around CJK characters, lower case, accents stripped), the BertPreTokenizer
 * (split on whitespace and around every punctuation character), then WordPiece (greedy
 * longest match, {@code ##} for continuations, a word that can't be covered or is longer
 * than 100 characters becomes {@code [UNK]}), framed by {@code [CLS]} … {@code [SEP]}.
 */
public final class WordPieceTokenizer implements TextTokenizer {

	private static final String PREFIX = "##";

	private final Map<String, Integer> vocab;

	private final String[] pieces;

	private final int maxCharsPerWord;

	private final int unk;

	private final int cls;

	private final int sep;

	private WordPieceTokenizer(Map<String, Integer> vocab, int maxCharsPerWord, String unkToken) {
		this.vocab = vocab;
		this.maxCharsPerWord = maxCharsPerWord;
		this.pieces = new String[vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
		vocab.forEach((piece, id) -> pieces[id] = piece);
		this.unk = id(unkToken);
		this.cls = id("[CLS]");
		this.sep = id("[SEP]");
	}

	/**
	 * @param tokenizerJson a HuggingFace tokenizer.json with a WordPiece model. Read, not
	 * closed.
	 */
	public static WordPieceTokenizer read(InputStream tokenizerJson) throws IOException {
		JsonNode model = JsonMapper.builder().build().readTree(tokenizerJson).get("model");
		if (model == null || !"WordPiece".equals(model.path("type").asString())) {
			throw new IllegalStateException("tokenizer.json has no WordPiece model");
		}
		Map<String, Integer> vocab = new HashMap<>();
		model.get("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
		return new WordPieceTokenizer(vocab, model.path("max_input_chars_per_word").asInt(100),
				model.path("unk_token").asString("[UNK]"));
	}

	private int id(String piece) {
		Integer id = vocab.get(piece);
		if (id == null) {
			throw new IllegalStateException("the vocabulary has no '%s'".formatted(piece));
		}
		return id;
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
	 * @return the ids of {@code text} framed by [CLS] and [SEP], untruncated
	 */
	@Override
	public Encoding encode(String text) {
		List<Integer> ids = new ArrayList<>();
		ids.add(cls);
		for (String word : preTokenize(normalize(text))) {
			wordPiece(word, ids);
		}
		ids.add(sep);
		int[] out = ids.stream().mapToInt(Integer::intValue).toArray();
		List<String> names = ids.stream().map(i -> pieces[i]).toList();
		return new Encoding(out, names);
	}

	static String normalize(String text) {
		StringBuilder cleaned = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (c == 0 || c == 0xFFFD || isControl(c)) {
				return;
			}
			if (isWhitespace(c)) {
				cleaned.append(' ');
			}
			else if (isCjk(c)) {
				cleaned.append(' ').appendCodePoint(c).append(' ');
			}
			else {
				cleaned.appendCodePoint(c);
			}
		});
		String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		decomposed.codePoints()
			.filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
			.forEach(out::appendCodePoint);
		return out.toString().toLowerCase(java.util.Locale.ROOT);
	}

	static List<String> preTokenize(String text) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		text.codePoints().forEach(c -> {
			if (isWhitespace(c)) {
				flush(word, words);
			}
			else if (isPunctuation(c)) {
				flush(word, words);
				words.add(new String(Character.toChars(c)));
			}
			else {
				word.appendCodePoint(c);
			}
		});
		flush(word, words);
		return words;
	}

	private static void flush(StringBuilder word, List<String> words) {
		if (!word.isEmpty()) {
			words.add(word.toString());
			word.setLength(0);
		}
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
				String candidate = (start > 0 ? PREFIX : "") + word.substring(start, end);
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

	private static boolean isWhitespace(int c) {
		return c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static boolean isControl(int c) {
		if (c == '\t' || c == '\n' || c == '\r') {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
				|| type == Character.SURROGATE || type == Character.UNASSIGNED;
	}

	private static boolean isPunctuation(int c) {
		if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
			return true;
		}
		return switch (Character.getType(c)) {
			case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
					Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION ->
				true;
			default -> false;
		};
	}

	private static boolean isCjk(int c) {
		return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
				|| (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
				|| (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
	}

}
