package dev.factlab.transformers.internal;

/**
 * A tokenizer.json the service can't apply faithfully: a normaliser, pre-tokeniser,
 * post-processor or added token of a kind it does not implement, or a section that
 * contradicts the vocabulary. The message names the section, what it holds and what is
 * implemented.
 */
public class TokenizerConfigException extends RuntimeException {

	public TokenizerConfigException(String message) {
		super(message);
	}

}
