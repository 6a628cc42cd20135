package dev.factlab.transformers;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.WordPieceTokenizer;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * all-MiniLM-L6-v2 run by the service's own code against two outside references on the
 * same file: ONNX Runtime (last hidden states) and langchain4j's embedding model (its
 * tokenizer and its sentence embedding).
 */
class MiniLmReferenceTests {

	/**
	 * Largest |ours − ONNX Runtime| relative to the largest |ONNX Runtime| per sentence.
	 */
	static final double HIDDEN_RELATIVE_TOLERANCE = 1e-4;

	static final double EMBEDDING_TOLERANCE = 1e-5;

	/** The truncation in the tokenizer.json that langchain4j's tokenizer applies. */
	static final int LANGCHAIN4J_MAX_TOKENS = 128;

	static EncoderWeights weights;

	static WordPieceTokenizer tokenizer;

	@BeforeAll
	static void load() throws Exception {
		weights = MiniLmLoader.weights();
		tokenizer = MiniLmLoader.tokenizer();
	}

	@Test
	void theSentencesCoverWhatTheIssueAsksFor() {
		assertThat(TestSentences.ALL).hasSizeGreaterThanOrEqualTo(20);
		assertThat(tokenizer.encode(TestSentences.LONG).ids().length).isGreaterThan(128);
		assertThat(TestSentences.ALL.stream().anyMatch(s -> tokenizer.encode(s).pieces().contains("[UNK]"))).isTrue();
	}

	@Test
	void tokenIdsEqualTheReferenceTokenizers() throws Exception {
		try (InputStream json = getClass().getResourceAsStream(MiniLmLoader.TOKENIZER);
				HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(json,
						Map.of("padding", "false", "truncation", "false"))) {
			for (String sentence : TestSentences.ALL) {
				long[] expected = reference.encode(sentence).getIds();
				int[] actual = tokenizer.encode(sentence).ids();
				assertThat(toLong(actual)).as(sentence).containsExactly(expected);
			}
		}
	}

	/**
	 * The model card's shapes: per layer four 384 × 384 attention projections and the
	 * MLP's 384 × 1,536 and 1,536 × 384, each kept once more in the products' layout.
	 */
	@Test
	void theProductsCopiesOfTheProjectionsAreCounted() {
		long perLayer = 4L * 384 * 384 + 2L * 384 * 1536;
		assertThat(weights.productCopyBytes()).isEqualTo(6 * perLayer * Float.BYTES);
	}

	@Test
	void lastHiddenStatesMatchOnnxRuntimeOnTheSameFile() throws Exception {
		List<int[]> sequences = TestSentences.ALL.stream().map(s -> tokenizer.encode(s).ids()).toList();
		TransformerPass.Result ours = TransformerPass.run(weights, sequences, List.of());
		float[] hidden = ours.hidden().toArray();
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		byte[] model;
		try (InputStream in = getClass().getResourceAsStream(MiniLmLoader.ONNX)) {
			model = in.readAllBytes();
		}
		try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
			int row = 0;
			for (int s = 0; s < sequences.size(); s++) {
				float[][] expected = runOnnx(env, session, sequences.get(s));
				double maxDiff = 0;
				double maxAbs = 0;
				for (int t = 0; t < expected.length; t++) {
					for (int i = 0; i < expected[t].length; i++) {
						float ourValue = hidden[(row + t) * weights.dModel() + i];
						maxDiff = Math.max(maxDiff, Math.abs(ourValue - expected[t][i]));
						maxAbs = Math.max(maxAbs, Math.abs(expected[t][i]));
					}
				}
				row += expected.length;
				assertThat(maxDiff / maxAbs)
					.as("sentence %d (%d tokens): %s", s, expected.length, TestSentences.ALL.get(s))
					.isLessThanOrEqualTo(HIDDEN_RELATIVE_TOLERANCE);
			}
		}
	}

	/**
	 * langchain4j's tokenizer applies the tokenizer.json's truncation (max_length 128),
	 * so a longer sentence is compared with ours on its first 127 word pieces and [SEP].
	 */
	@Test
	void sentenceEmbeddingsMatchLangchain4jsModel() {
		AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
		List<int[]> sequences = TestSentences.ALL.stream().map(s -> truncated(tokenizer.encode(s).ids())).toList();
		TransformerPass.Result ours = TransformerPass.run(weights, sequences, List.of());
		float[][] embeddings = SentenceEmbeddings.meanPooled(ours.hidden(), ours.lengths());
		for (int s = 0; s < sequences.size(); s++) {
			float[] expected = reference.embed(TestSentences.ALL.get(s)).content().vector();
			double maxDiff = 0;
			for (int i = 0; i < expected.length; i++) {
				maxDiff = Math.max(maxDiff, Math.abs(expected[i] - embeddings[s][i]));
			}
			assertThat(maxDiff).as("sentence %d: %s", s, TestSentences.ALL.get(s))
				.isLessThanOrEqualTo(EMBEDDING_TOLERANCE);
		}
	}

	private static int[] truncated(int[] ids) {
		if (ids.length <= LANGCHAIN4J_MAX_TOKENS) {
			return ids;
		}
		int[] out = java.util.Arrays.copyOf(ids, LANGCHAIN4J_MAX_TOKENS);
		out[LANGCHAIN4J_MAX_TOKENS - 1] = ids[ids.length - 1];
		return out;
	}

	private static float[][] runOnnx(OrtEnvironment env, OrtSession session, int[] ids) throws Exception {
		long[][] inputIds = { toLong(ids) };
		long[][] mask = { new long[ids.length] };
		java.util.Arrays.fill(mask[0], 1);
		long[][] types = { new long[ids.length] };
		try (OnnxTensor a = OnnxTensor.createTensor(env, inputIds);
				OnnxTensor b = OnnxTensor.createTensor(env, mask);
				OnnxTensor c = OnnxTensor.createTensor(env, types);
				OrtSession.Result result = session
					.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
			return ((float[][][]) result.get(0).getValue())[0];
		}
	}

	private static long[] toLong(int[] ids) {
		long[] out = new long[ids.length];
		for (int i = 0; i < ids.length; i++) {
			out[i] = ids[i];
		}
		return out;
	}

}
