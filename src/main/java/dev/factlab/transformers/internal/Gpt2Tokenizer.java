package dev.factlab.transformers.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * GPT-2's byte-level BPE: jtokkit's r50k_base (tiktoken's "gpt2" encoding, 50,257
 * tokens). Text is encoded as ordinary text, so {@code <|endoftext|>} typed into a
 * request is split like any other characters rather than becoming the special token
 * 50256. A token's display string is its bytes decoded as UTF-8 (a token holding part of
 * a multi-byte character shows U+FFFD).
 */
public final class Gpt2Tokenizer implements TextTokenizer {

	private static final Gpt2Tokenizer INSTANCE = new Gpt2Tokenizer();

	private final com.knuddels.jtokkit.api.Encoding encoding;

	private final String[] pieces;

	private Gpt2Tokenizer() {
		encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
		pieces = new String[Gpt2Config.R50K_VOCABULARY];
		IntArrayList one = new IntArrayList(1);
		one.add(0);
		for (int id = 0; id < pieces.length; id++) {
			one.set(0, id);
			pieces[id] = new String(encoding.decodeBytes(one), StandardCharsets.UTF_8);
		}
	}

	/** The one tokenizer (its tables are built once, ≈ 0.5 s). */
	public static Gpt2Tokenizer get() {
		return INSTANCE;
	}

	@Override
	public Encoding encode(String text) {
		IntArrayList ids = encoding.encodeOrdinary(text);
		int[] out = ids.toArray();
		List<String> names = new ArrayList<>(out.length);
		for (int id : out) {
			names.add(pieces[id]);
		}
		return new Encoding(out, names);
	}

	@Override
	public String piece(int id) {
		return pieces[id];
	}

	@Override
	public int vocabularySize() {
		return pieces.length;
	}

}
