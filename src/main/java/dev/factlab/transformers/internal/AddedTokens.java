package dev.factlab.transformers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import tools.jackson.databind.JsonNode;

/**
 * A tokenizer.json's {@code added_tokens} ([PAD], [UNK], [CLS], [SEP], [MASK]): found in
 * the raw text before it is normalised (leftmost, longest first, as HuggingFace
 * tokenizers matches them), each becomes its own id, and the text between them is
 * tokenised as usual. So "a [MASK] b" gives [MASK]'s id, not "[", "mask", "]".
 *
 * @param tokens each token's content and id
 */
record AddedTokens(List<Token> tokens) {

	/**
	 * @param content the literal text
	 * @param id its id
	 */
	record Token(String content, int id) {
	}

	/**
	 * @param addedTokens the {@code added_tokens} section; null or JSON null for none
	 * @throws TokenizerConfigException for a token matched after normalisation or with
	 * lstrip, rstrip or single_word, which this does not implement
	 */
	static AddedTokens read(JsonNode addedTokens) {
		List<Token> tokens = new ArrayList<>();
		if (addedTokens == null || addedTokens.isNull()) {
			return new AddedTokens(tokens);
		}
		for (JsonNode token : addedTokens) {
			String content = token.path("content").asString("");
			for (String flag : new String[] { "normalized", "lstrip", "rstrip", "single_word" }) {
				if (token.path(flag).asBoolean(false)) {
					throw new TokenizerConfigException(
							("tokenizer.json's added token '%s' has %s true; only tokens matched in the raw text with "
									+ "normalized, lstrip, rstrip and single_word false are implemented")
								.formatted(content, flag));
				}
			}
			if (!content.isEmpty()) {
				tokens.add(new Token(content, token.path("id").asInt()));
			}
		}
		return new AddedTokens(List.copyOf(tokens));
	}

	/**
	 * Splits {@code text} at the added tokens.
	 * @param between called with each stretch of text between them, in order
	 * @param token called with each added token's id, in order
	 */
	void split(String text, Consumer<String> between, IntConsumer token) {
		int start = 0;
		int at = 0;
		while (at < text.length()) {
			Token found = longestAt(text, at);
			if (found == null) {
				at++;
				continue;
			}
			if (at > start) {
				between.accept(text.substring(start, at));
			}
			token.accept(found.id());
			at += found.content().length();
			start = at;
		}
		if (start < text.length()) {
			between.accept(text.substring(start));
		}
	}

	private Token longestAt(String text, int at) {
		Token longest = null;
		for (Token t : tokens) {
			if (text.startsWith(t.content(), at)
					&& (longest == null || t.content().length() > longest.content().length())) {
				longest = t;
			}
		}
		return longest;
	}

}
