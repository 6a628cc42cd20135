package dev.factlab.transformers;

import dev.factlab.transformers.internal.Gpt2Tokenizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GPT-2's byte-level BPE against ids published for GPT-2's vocabulary (encoder.json):
 * "Hello" 15496, " world" 995, "," 11, "." 13, " the" 262, " of" 286, " and" 290, " a"
 * 257, "The" 464, "\n" 198, and the special token {@code <|endoftext|>} 50256.
 */
class Gpt2TokenizerTests {

	final Gpt2Tokenizer tokenizer = Gpt2Tokenizer.get();

	@Test
	void knownTextsGiveGpt2sIds() {
		assertThat(tokenizer.encode("Hello world").ids()).containsExactly(15496, 995);
		assertThat(tokenizer.encode("Hello world, and the world of a").ids()).containsExactly(15496, 995, 11, 290, 262,
				995, 286, 257);
		assertThat(tokenizer.encode("The world.\n").ids()).containsExactly(464, 995, 13, 198);
	}

	@Test
	void eachIdDecodesToItsText() {
		assertThat(tokenizer.encode("Hello world").pieces()).containsExactly("Hello", " world");
		assertThat(tokenizer.piece(262)).isEqualTo(" the");
		assertThat(tokenizer.piece(50256)).isEqualTo("<|endoftext|>");
		assertThat(tokenizer.vocabularySize()).isEqualTo(50257);
	}

	@Test
	void typedSpecialTokensAreOrdinaryText() {
		assertThat(tokenizer.encode("<|endoftext|>").ids()).doesNotContain(50256).hasSizeGreaterThan(1);
	}

	@Test
	void thePiecesOfATextSpellIt() {
		String text = "Crème brûlée — qué? It's 3.14, isn't it?";
		assertThat(String.join("", tokenizer.encode(text).pieces())).isEqualTo(text);
		// a token holding part of a multi-byte character can't show it
		assertThat(tokenizer.encode("🙂").pieces()).hasSizeGreaterThan(1).allMatch(p -> p.contains("\uFFFD"));
	}

}
