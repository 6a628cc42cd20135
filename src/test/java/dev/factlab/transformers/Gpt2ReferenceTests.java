package dev.factlab.transformers;

import java.nio.file.Path;
import java.util.List;

import dev.factlab.tensor.FloatMatrix;
import dev.factlab.transformers.internal.Gpt2Config;
import dev.factlab.transformers.internal.TopActivations;
import dev.factlab.transformers.internal.TextTokenizer;
import dev.factlab.transformers.internal.Gpt2Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's GPT-2 (safetensors reader, Conv1D transposition and c_attn split, causal
 * pre-norm pass with the tanh GELU, tied unembedding) against the float64 numpy reference
 * of {@code gpt2_reference.py} on the same random checkpoint: every layer's MLP
 * activations, MLP output and residual stream, the final hidden state and the last
 * token's logits within 1e-4 relative, for the F32 file and for the F16 and BF16 ones
 * (which the reference computes from the same rounded weights).
 */
class Gpt2ReferenceTests {

	/** Largest |ours − reference| relative to the largest |reference| of a matrix. */
	static final double RELATIVE_TOLERANCE = 1e-4;

	static JsonNode reference;

	static List<int[]> sequences;

	@BeforeAll
	static void generate() throws Exception {
		reference = Gpt2Reference.generate();
		sequences = Gpt2Reference.sequences();
	}

	static EncoderWeights load(String checkpoint) throws Exception {
		Path dir = Gpt2Reference.CHECKPOINTS.resolve(checkpoint);
		return Gpt2Loader.weights(dir, Gpt2Config.read(dir));
	}

	static String checkpoint(String variant) {
		return "f32".equals(variant) ? "tiny-gpt2" : "tiny-gpt2-" + variant;
	}

	/**
	 * GPT-2's text has no [CLS] or [SEP]: the neuron-examples job offers every token, the
	 * first and last of each text included (it used to leave them out as if they were
	 * BERT's frame).
	 */
	@Test
	void neuronExamplesOfGpt2OfferEveryToken() throws Exception {
		EncoderWeights weights = load("tiny-gpt2");
		List<TextTokenizer.Encoding> encodings = sequences.stream()
			.map(ids -> new TextTokenizer.Encoding(ids, java.util.Collections.nCopies(ids.length, "·")))
			.toList();
		int total = sequences.stream().mapToInt(ids -> ids.length).sum();
		NeuronExamplesJob.Collected collected = NeuronExamplesJob.collect(weights, encodings, total, 100_000,
				(s, t) -> {
				});
		assertThat(collected.offered()).isEqualTo(total);
		List<TopActivations> tops = collected.layers();
		for (TopActivations layer : tops) {
			for (int n = 0; n < layer.neurons(); n++) {
				assertThat(layer.count(n)).as("examples kept of neuron %d", n).isEqualTo(total);
			}
		}
		assertThat(tops.get(0).sorted(0)).anySatisfy(entry -> assertThat(entry.token()).isZero());
	}

	@Test
	void theTextsCoverOneTokenAndNearlyAllPositions() {
		assertThat(sequences).anySatisfy(ids -> assertThat(ids).hasSize(1));
		assertThat(sequences).anySatisfy(ids -> assertThat(ids.length).isBetween(40, 64));
	}

	@ParameterizedTest
	@ValueSource(strings = { "f32", "f16", "bf16" })
	void everyIntermediateMatchesTheReferenceOnEachText(String variant) throws Exception {
		EncoderWeights weights = load(checkpoint(variant));
		double[][] logits = Gpt2Reference.logits(variant);
		JsonNode runs = reference.get(variant).get("sequences");
		for (int s = 0; s < sequences.size(); s++) {
			TransformerPass.Result ours = DecoderPass.run(weights, List.of(sequences.get(s)), List.of());
			String what = "%s, text %d: %s".formatted(variant, s, Gpt2Reference.TEXTS.get(s));
			assertMatches(ours, runs.get(s), what);
			assertClose(DecoderPass.logits(weights, ours.hidden(), sequences.get(s).length - 1), logits[s],
					what + ", logits");
			assertTopTokens(ours, weights, sequences.get(s), runs.get(s).get("top"), what);
		}
	}

	@Test
	void aBatchOfPackedTextsGivesEachTextsOwnPass() throws Exception {
		EncoderWeights weights = load("tiny-gpt2");
		TransformerPass.Result batch = DecoderPass.run(weights, sequences, List.of());
		int row = 0;
		for (int s = 0; s < sequences.size(); s++) {
			double[][] expected = Gpt2Reference.matrix(reference.get("f32").get("sequences").get(s).get("hidden"));
			assertClose(rows(batch.hidden(), row, expected.length), expected,
					"hidden of text %d in the batch".formatted(s));
			row += expected.length;
		}
	}

	@Test
	void thePrefixedNamesAndExtraTensorsLoadTheSameWeights() throws Exception {
		EncoderWeights plain = load("tiny-gpt2");
		EncoderWeights prefixed = load("tiny-gpt2-prefixed");
		TransformerPass.Result a = DecoderPass.run(plain, sequences, List.of());
		TransformerPass.Result b = DecoderPass.run(prefixed, sequences, List.of());
		assertThat(b.hidden().toArray()).containsExactly(a.hidden().toArray());
		assertThat(prefixed.parameters()).isEqualTo(plain.parameters())
			.isEqualTo(Gpt2Config.read(Gpt2Reference.CHECKPOINTS.resolve("tiny-gpt2")).parameters());
	}

	@ParameterizedTest
	@ValueSource(strings = { "f32", "bf16" })
	void ablatedNeuronsMatchTheReferencesAblatedPass(String variant) throws Exception {
		EncoderWeights weights = load(checkpoint(variant));
		int[] ids = sequences.get(0);
		TransformerPass.Result ours = DecoderPass.run(weights, List.of(ids), List.of(Gpt2Reference.ABLATION));
		JsonNode ablated = reference.get(variant).get("ablated");
		assertMatches(ours, ablated, variant + ", ablated");
		assertClose(DecoderPass.logits(weights, ours.hidden(), ids.length - 1),
				Gpt2Reference.logits(variant)[sequences.size()], variant + ", ablated logits");
		float[] neurons = ours.layers().get(Gpt2Reference.ABLATION.layer()).neurons().toArray();
		int width = weights.neurons();
		for (int t = 0; t < ids.length; t++) {
			for (int n : Gpt2Reference.ABLATION.neurons()) {
				assertThat(neurons[t * width + n]).isZero();
			}
		}
	}

	@Test
	void ablatingNothingChangesNothing() throws Exception {
		EncoderWeights weights = load("tiny-gpt2");
		TransformerPass.Result plain = DecoderPass.run(weights, sequences, List.of());
		TransformerPass.Result empty = DecoderPass.run(weights, sequences, List.of(new Ablation(1, new int[0])));
		assertThat(empty.hidden().toArray()).containsExactly(plain.hidden().toArray());
		// and the layer before an ablated one does not move
		TransformerPass.Result ablated = DecoderPass.run(weights, sequences, List.of(Gpt2Reference.ABLATION));
		assertThat(ablated.layers().get(0).output().toArray())
			.containsExactly(plain.layers().get(0).output().toArray());
		assertThat(ablated.hidden().toArray()).isNotEqualTo(plain.hidden().toArray());
	}

	private static void assertMatches(TransformerPass.Result ours, JsonNode expected, String what) {
		for (int l = 0; l < ours.layers().size(); l++) {
			LayerTrace layer = ours.layers().get(l);
			JsonNode theirs = expected.get("layers").get(l);
			assertClose(layer.neurons(), Gpt2Reference.matrix(theirs.get("neurons")),
					what + ", layer " + l + " neurons");
			assertClose(layer.mlpOut(), Gpt2Reference.matrix(theirs.get("mlpOut")), what + ", layer " + l + " mlpOut");
			assertClose(layer.output(), Gpt2Reference.matrix(theirs.get("output")), what + ", layer " + l + " output");
		}
		assertClose(ours.hidden(), Gpt2Reference.matrix(expected.get("hidden")), what + ", hidden");
	}

	private static void assertTopTokens(TransformerPass.Result ours, EncoderWeights weights, int[] ids, JsonNode top,
			String what) {
		float[] logits = DecoderPass.logits(weights, ours.hidden(), ids.length - 1);
		List<Trace.NeuronValue> ranked = Traces.top(logits, 3);
		for (int i = 0; i < ranked.size(); i++) {
			assertThat(ranked.get(i).neuron()).as("%s, next token %d", what, i).isEqualTo(top.get(i).get("id").asInt());
		}
	}

	static FloatMatrix rows(FloatMatrix m, int from, int count) {
		float[] all = m.toArray();
		float[] out = new float[count * m.cols()];
		System.arraycopy(all, from * m.cols(), out, 0, out.length);
		return FloatMatrix.of(count, m.cols(), out);
	}

	static void assertClose(FloatMatrix ours, double[][] expected, String what) {
		assertThat(ours.rows()).as(what + ": rows").isEqualTo(expected.length);
		float[] values = ours.toArray();
		double[] flat = new double[values.length];
		int cols = ours.cols();
		for (int r = 0; r < expected.length; r++) {
			assertThat(expected[r]).as(what + ": cols").hasSize(cols);
			System.arraycopy(expected[r], 0, flat, r * cols, cols);
		}
		assertClose(values, flat, what);
	}

	static void assertClose(float[] ours, double[] expected, String what) {
		assertThat(ours).as(what + ": length").hasSize(expected.length);
		double maxDiff = 0;
		double maxAbs = 0;
		for (int i = 0; i < expected.length; i++) {
			maxDiff = Math.max(maxDiff, Math.abs(ours[i] - expected[i]));
			maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
		}
		assertThat(maxAbs).as(what + ": the reference is not all zero").isPositive();
		assertThat(maxDiff / maxAbs).as(what).isLessThanOrEqualTo(RELATIVE_TOLERANCE);
	}

}
