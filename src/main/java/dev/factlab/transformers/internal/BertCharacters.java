package dev.factlab.transformers.internal;

/**
 * The character classes of HuggingFace tokenizers' BERT normaliser and pre-tokeniser,
 * which follow Rust's definitions rather than Java's: whitespace is Unicode's White_Space
 * property (Rust's {@code char::is_whitespace}; not Java's {@code isWhitespace}, which
 * adds U+001C–U+001F and leaves out the no-break spaces).
 */
final class BertCharacters {

	private BertCharacters() {
	}

	/** Unicode's White_Space property. */
	static boolean isWhitespace(int c) {
		return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
				|| (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
				|| c == 0x3000;
	}

	/** Category C (other) except tab, line feed and carriage return. */
	static boolean isControl(int c) {
		if (c == '\t' || c == '\n' || c == '\r') {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
				|| type == Character.SURROGATE || type == Character.UNASSIGNED;
	}

	/** ASCII punctuation and symbols, or Unicode category P. */
	static boolean isPunctuation(int c) {
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

	/**
	 * The CJK ideograph blocks BERT spaces out, as HuggingFace tokenizers lists them
	 * (from U+2B920, not U+2B820, in Extension E/F).
	 */
	static boolean isChinese(int c) {
		return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
				|| (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
				|| (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
	}

}
