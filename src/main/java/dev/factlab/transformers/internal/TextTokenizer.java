package dev.factlab.transformers.internal;

import java.util.List;

/**
 * Text to token ids and back to display strings: BERT's WordPiece
 * ({@link WordPieceTokenizer}) or GPT-2's byte-level BPE ({@link Gpt2Tokenizer}).
 */
public interface TextTokenizer {

	/**
	 * @param ids the token ids (WordPiece frames them by [CLS] and [SEP]; GPT-2 adds
	 * nothing)
	 * @param pieces a display string for each id ("##ing", "[UNK]", " Jordan")
	 * @param leading how many of the ids are special tokens the tokenizer put before the
	 * text ([CLS]: 1; GPT-2: 0)
	 * @param trailing how many are special tokens it put after the text ([SEP]: 1)
	 */
	record Encoding(int[] ids, List<String> pieces, int leading, int trailing) {

		public Encoding {
			if (pieces.size() != ids.length || leading < 0 || trailing < 0 || leading + trailing > ids.length) {
				throw new IllegalArgumentException("%d ids, %d pieces, %d leading and %d trailing special tokens"
					.formatted(ids.length, pieces.size(), leading, trailing));
			}
		}

		/** Tokens of the text alone, no special token around them. */
		public Encoding(int[] ids, List<String> pieces) {
			this(ids, pieces, 0, 0);
		}

		/**
		 * @return whether the token at {@code position} is one of the special tokens the
		 * tokenizer put around the text rather than a token of the text
		 */
		public boolean framing(int position) {
			return position < leading || position >= ids.length - trailing;
		}

		/**
		 * @return the tokens of the text itself: all but the framing ones
		 */
		public int textTokens() {
			return ids.length - leading - trailing;
		}

	}

	/**
	 * @return the text's tokens, untruncated
	 */
	Encoding encode(String text);

	/**
	 * @return the display string of {@code id}
	 */
	String piece(int id);

	int vocabularySize();

}
