package dev.factlab.transformers.internal;

import java.text.Normalizer;

import tools.jackson.databind.JsonNode;

/**
 * HuggingFace tokenizers' {@code BertNormalizer}, steps in its order: clean text (drop
 * NUL, U+FFFD and control characters, every whitespace character to a space), space out
 * CJK ideographs, strip accents (NFD, then drop non-spacing marks), lower case (each
 * character on its own, so a final Σ becomes σ, not Java's context-dependent ς).
 *
 * @param cleanText clean_text
 * @param handleChineseChars handle_chinese_chars
 * @param stripAccents strip_accents, resolved: when the file says null, what
 * {@code lowercase} says (as HuggingFace tokenizers does)
 * @param lowercase lowercase
 */
record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

	/** A tokenizer.json without a normaliser: the text as it is. */
	static final BertNormalizer NONE = new BertNormalizer(false, false, false, false);

	static final String TYPE = "BertNormalizer";

	/**
	 * @param normalizer the tokenizer.json's {@code normalizer} section; null or JSON
	 * null for none. Missing flags take HuggingFace's defaults (all true, strip_accents
	 * null).
	 * @throws TokenizerConfigException for another normaliser type or a flag that is not
	 * a boolean
	 */
	static BertNormalizer read(JsonNode normalizer) {
		if (normalizer == null || normalizer.isNull()) {
			return NONE;
		}
		String type = normalizer.path("type").asString("");
		if (!TYPE.equals(type)) {
			throw new TokenizerConfigException(
					"tokenizer.json's normalizer is of type '%s'; only %s (or none) is implemented".formatted(type,
							TYPE));
		}
		boolean lowercase = flag(normalizer, "lowercase", true);
		JsonNode strip = normalizer.path("strip_accents");
		boolean stripAccents = strip.isMissingNode() || strip.isNull() ? lowercase
				: flag(normalizer, "strip_accents", false);
		return new BertNormalizer(flag(normalizer, "clean_text", true), flag(normalizer, "handle_chinese_chars", true),
				stripAccents, lowercase);
	}

	private static boolean flag(JsonNode section, String name, boolean missing) {
		JsonNode value = section.path(name);
		if (value.isMissingNode()) {
			return missing;
		}
		if (!value.isBoolean()) {
			throw new TokenizerConfigException(
					"tokenizer.json's normalizer.%s must be true or false but is %s".formatted(name, value));
		}
		return value.booleanValue();
	}

	String normalize(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (cleanText && (c == 0 || c == 0xFFFD || BertCharacters.isControl(c))) {
				return;
			}
			if (cleanText && BertCharacters.isWhitespace(c)) {
				out.append(' ');
			}
			else if (handleChineseChars && BertCharacters.isChinese(c)) {
				out.append(' ').appendCodePoint(c).append(' ');
			}
			else {
				out.appendCodePoint(c);
			}
		});
		String normalized = stripAccents ? stripAccents(out) : out.toString();
		return lowercase ? lowercase(normalized) : normalized;
	}

	private static String stripAccents(CharSequence text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		decomposed.codePoints()
			.filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
			.forEach(out::appendCodePoint);
		return out.toString();
	}

	/**
	 * Rust's {@code char::to_lowercase} on each character: the simple mapping, except
	 * U+0130 (İ), the one character whose unconditional lower case is two (i and a
	 * combining dot above).
	 */
	private static String lowercase(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (c == 0x130) {
				out.append("i\u0307");
			}
			else {
				out.appendCodePoint(Character.toLowerCase(c));
			}
		});
		return out.toString();
	}

}
