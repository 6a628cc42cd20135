package dev.factlab.transformers.internal;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * HuggingFace tokenizers' {@code BertPreTokenizer}: words split on whitespace (dropped)
 * and around every punctuation character (each its own word).
 */
final class BertPreTokenizer {

	static final String TYPE = "BertPreTokenizer";

	private BertPreTokenizer() {
	}

	/**
	 * @param preTokenizer the tokenizer.json's {@code pre_tokenizer} section
	 * @throws TokenizerConfigException when it is missing or of another type
	 */
	static void check(JsonNode preTokenizer) {
		String type = preTokenizer == null || preTokenizer.isNull() ? "none" : preTokenizer.path("type").asString("");
		if (!TYPE.equals(type)) {
			throw new TokenizerConfigException(
					"tokenizer.json's pre_tokenizer is of type '%s'; only %s is implemented".formatted(type, TYPE));
		}
	}

	static List<String> split(String text) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		text.codePoints().forEach(c -> {
			if (BertCharacters.isWhitespace(c)) {
				flush(word, words);
			}
			else if (BertCharacters.isPunctuation(c)) {
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

}
