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
	 */
	record Encoding(int[] ids, List<String> pieces) {
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
