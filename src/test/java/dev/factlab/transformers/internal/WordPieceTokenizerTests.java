package dev.factlab.transformers.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tokenizer follows its tokenizer.json, not hard-coded rules: variants of
 * all-MiniLM-L6-v2's file (normaliser flags, no normaliser, another post-processor) give
 * the ids HuggingFace tokenizers (through DJL) gives for the same variant, and a section
 * of a kind it does not implement is refused by name.
 */
class WordPieceTokenizerTests {

	/**
	 * Texts where the normaliser's flags and HuggingFace's character classes matter:
	 * capitals, accents, a final sigma, İ, an added token in the text, CJK (in and just
	 * outside BERT's ranges), control, format and no-break space characters.
	 */
	static final List<String> TEXTS = List.of("Michael Jordan plays the sport of", "MiXeD CaSe WoRdS Paris",
			"Crème brûlée, naïve café, façade and Ångström!", "Ünïcödé ÀÉÎÕÜ ßtraße", "ΟΔΥΣΣΕΥΣ και ΣΟΦΙΑ", "İstanbul",
			"hello [MASK] world [CLS][SEP] [mask]", "漢字 characters 𫠠 a𫠠b 𫢠", "x\u001Cy and x\u0000y\uFFFDz",
			"a\u00A0b\u2007c\u202Fd", "zero\u200Bwidth", "Tab\tand\nnewline\r\u0085end", "¿Dónde está la biblioteca?",
			"It's 3.14159... or 22/7; $100 & 50% off #deal @home");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static byte[] original;

	@BeforeAll
	static void read() throws Exception {
		try (InputStream in = WordPieceTokenizerTests.class.getResourceAsStream(MiniLmLoader.TOKENIZER)) {
			original = in.readAllBytes();
		}
	}

	static ObjectNode file() throws Exception {
		return (ObjectNode) JSON.readTree(original);
	}

	static byte[] variant(Consumer<ObjectNode> change) throws Exception {
		ObjectNode file = file();
		change.accept(file);
		return JSON.writeValueAsBytes(file);
	}

	static ObjectNode normalizer(ObjectNode file) {
		return (ObjectNode) file.get("normalizer");
	}

	static Stream<Arguments> variants() {
		return Stream.of(Arguments.of("as shipped", (Consumer<ObjectNode>) f -> {
		}), Arguments.of("lowercase false", (Consumer<ObjectNode>) f -> normalizer(f).put("lowercase", false)),
				Arguments.of("strip_accents false",
						(Consumer<ObjectNode>) f -> normalizer(f).put("strip_accents", false)),
				Arguments.of("strip_accents true, lowercase false",
						(Consumer<ObjectNode>) f -> normalizer(f).put("strip_accents", true).put("lowercase", false)),
				Arguments.of("handle_chinese_chars false",
						(Consumer<ObjectNode>) f -> normalizer(f).put("handle_chinese_chars", false)),
				Arguments.of("clean_text false", (Consumer<ObjectNode>) f -> normalizer(f).put("clean_text", false)),
				Arguments.of("no normaliser", (Consumer<ObjectNode>) f -> f.putNull("normalizer")),
				Arguments.of("BertProcessing", (Consumer<ObjectNode>) f -> {
					ObjectNode bert = f.putObject("post_processor").put("type", "BertProcessing");
					bert.putArray("sep").add("[SEP]").add(102);
					bert.putArray("cls").add("[CLS]").add(101);
				}), Arguments.of("no post-processor", (Consumer<ObjectNode>) f -> f.putNull("post_processor")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void idsEqualHuggingFacesForTheSameFile(String name, Consumer<ObjectNode> change) throws Exception {
		byte[] json = variant(change);
		WordPieceTokenizer ours = WordPieceTokenizer.read(new ByteArrayInputStream(json));
		try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
				Map.of("padding", "false", "truncation", "false"))) {
			for (String text : TEXTS) {
				long[] expected = reference.encode(text).getIds();
				assertThat(toLong(ours.encode(text).ids())).as("%s: %s", name, text).containsExactly(expected);
			}
		}
	}

	/**
	 * The flags change the ids as HuggingFace's semantics say, derived by hand from the
	 * vocabulary: without lower-casing, "Paris" is not in the (uncased) vocabulary and
	 * becomes [UNK]; strip_accents null follows lowercase (so "café" loses its accent),
	 * false keeps the accent (and "café" is no word piece sequence: [UNK]).
	 */
	@Test
	void theFlagsChangeTheIdsAsTheVocabularySays() throws Exception {
		Map<String, Integer> vocab = new java.util.HashMap<>();
		file().get("model").get("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
		int cls = vocab.get("[CLS]");
		int sep = vocab.get("[SEP]");
		int unk = vocab.get("[UNK]");
		WordPieceTokenizer shipped = WordPieceTokenizer.read(new ByteArrayInputStream(original));
		WordPieceTokenizer cased = read(f -> normalizer(f).put("lowercase", false));
		WordPieceTokenizer accented = read(f -> normalizer(f).put("strip_accents", false));
		assertThat(shipped.encode("Paris").ids()).containsExactly(cls, vocab.get("paris"), sep);
		assertThat(cased.encode("Paris").ids()).containsExactly(cls, unk, sep);
		assertThat(cased.encode("paris").ids()).containsExactly(cls, vocab.get("paris"), sep);
		assertThat(shipped.encode("café").ids()).containsExactly(cls, vocab.get("cafe"), sep);
		assertThat(vocab).doesNotContainKey("café");
		assertThat(accented.encode("café").ids()).containsExactly(cls, unk, sep);
		assertThat(shipped.encode("a [MASK] b").ids()).containsExactly(cls, vocab.get("a"), vocab.get("[MASK]"),
				vocab.get("b"), sep);
		TextTokenizer.Encoding framed = shipped.encode("Paris");
		assertThat(framed.framing(0)).isTrue();
		assertThat(framed.framing(1)).isFalse();
		assertThat(framed.framing(2)).isTrue();
		assertThat(framed.textTokens()).isEqualTo(1);
		TextTokenizer.Encoding bare = read(f -> f.putNull("post_processor")).encode("Paris");
		assertThat(bare.ids()).containsExactly(vocab.get("paris"));
		assertThat(bare.framing(0)).isFalse();
	}

	static Stream<Arguments> unsupported() {
		return Stream.of(
				Arguments.of((Consumer<ObjectNode>) f -> f.putObject("normalizer").put("type", "Lowercase"),
						"tokenizer.json's normalizer is of type 'Lowercase'; only BertNormalizer (or none) is "
								+ "implemented"),
				Arguments.of((Consumer<ObjectNode>) f -> normalizer(f).put("lowercase", "yes"),
						"normalizer.lowercase must be true or false but is \"yes\""),
				Arguments.of((Consumer<ObjectNode>) f -> f.putObject("pre_tokenizer").put("type", "Whitespace"),
						"tokenizer.json's pre_tokenizer is of type 'Whitespace'; only BertPreTokenizer is implemented"),
				Arguments.of((Consumer<ObjectNode>) f -> f.putNull("pre_tokenizer"),
						"tokenizer.json's pre_tokenizer is of type 'none'"),
				Arguments.of((Consumer<ObjectNode>) f -> f.putObject("post_processor").put("type", "RobertaProcessing"),
						"tokenizer.json's post_processor is of type 'RobertaProcessing'"),
				Arguments.of(
						(Consumer<ObjectNode>) f -> ((ObjectNode) f.get("added_tokens").get(4)).put("lstrip", true),
						"tokenizer.json's added token '[MASK]' has lstrip true"),
				Arguments.of((Consumer<ObjectNode>) f -> ((ObjectNode) f.get("model")).put("type", "BPE"),
						"tokenizer.json's model is of type 'BPE'; only WordPiece is implemented"),
				Arguments.of((Consumer<ObjectNode>) f -> ((ObjectNode) f.get("model")).put("unk_token", "<unk>"),
						"tokenizer.json's unk_token '<unk>' is not in the vocabulary"));
	}

	@ParameterizedTest
	@MethodSource("unsupported")
	void aSectionOfAnUnimplementedKindIsRefusedByName(Consumer<ObjectNode> change, String message) throws Exception {
		byte[] json = variant(change);
		assertThatThrownBy(() -> WordPieceTokenizer.read(new ByteArrayInputStream(json)))
			.isInstanceOf(TokenizerConfigException.class)
			.hasMessageContaining(message);
	}

	private static WordPieceTokenizer read(Consumer<ObjectNode> change) throws Exception {
		return WordPieceTokenizer.read(new ByteArrayInputStream(variant(change)));
	}

	private static long[] toLong(int[] ids) {
		long[] out = new long[ids.length];
		for (int i = 0; i < ids.length; i++) {
			out[i] = ids[i];
		}
		return out;
	}

}
