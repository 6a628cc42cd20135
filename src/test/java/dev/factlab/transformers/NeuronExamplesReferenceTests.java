package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.factlab.transformers.internal.ExampleArtifact;
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.TopActivations;
import dev.factlab.transformers.internal.WordPieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neuron-examples job's streaming top-k against a brute-force reference: every
 * activation of a small corpus collected in a plain loop from TransformerPass and sorted.
 */
class NeuronExamplesReferenceTests {

	static final List<String> CORPUS = List.of("Michael Jordan played basketball for the Chicago Bulls.",
			"Serena Williams won twenty-three Grand Slam titles.", "Michael Phelps won eight gold medals in 2008.",
			"Paris is the capital of France.", "The cat is sleeping on the sofa.",
			"Marie Curie won Nobel Prizes in physics and chemistry.", "Seven times eight is fifty-six.",
			"The Berlin Wall fell on November 9, 1989.", "He dunked the basketball before the buzzer.",
			"Jordan is a country in the Middle East.", "Beethoven kept composing after he lost his hearing.");

	static final int K = 5;

	/** Neurons checked in every layer: the ends, and a spread between. */
	static final int[] NEURONS = { 0, 1, 7, 100, 383, 512, 777, 1024, 1200, 1535 };

	static EncoderWeights weights;

	static List<WordPieceTokenizer.Encoding> encodings;

	@BeforeAll
	static void load() throws Exception {
		weights = MiniLmLoader.weights();
		WordPieceTokenizer tokenizer = MiniLmLoader.tokenizer();
		encodings = CORPUS.stream().map(tokenizer::encode).toList();
	}

	/**
	 * Every activation of the non-special tokens of one neuron, from passes over the
	 * given groups of sentences, best first.
	 */
	static List<List<List<TopActivations.Entry>>> bruteForce(List<List<Integer>> groups) {
		List<List<List<TopActivations.Entry>>> all = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			List<List<TopActivations.Entry>> layer = new ArrayList<>();
			for (int n = 0; n < weights.neurons(); n++) {
				layer.add(new ArrayList<>());
			}
			all.add(layer);
		}
		for (List<Integer> group : groups) {
			List<int[]> ids = group.stream().map(s -> encodings.get(s).ids()).toList();
			TransformerPass.Result pass = TransformerPass.run(weights, ids, List.of());
			for (int l = 0; l < weights.layers().size(); l++) {
				float[] values = pass.layers().get(l).neurons().toArray();
				int row = 0;
				for (int s : group) {
					int length = encodings.get(s).ids().length;
					for (int t = 0; t < length; t++, row++) {
						if (t == 0 || t == length - 1) {
							continue;
						}
						for (int n = 0; n < weights.neurons(); n++) {
							all.get(l).get(n).add(new TopActivations.Entry(values[row * weights.neurons() + n], s, t));
						}
					}
				}
			}
		}
		Comparator<TopActivations.Entry> bestFirst = (a, b) -> {
			int c = Float.compare(b.value(), a.value());
			if (c != 0) {
				return c;
			}
			return a.sentence() != b.sentence() ? Integer.compare(a.sentence(), b.sentence())
					: Integer.compare(a.token(), b.token());
		};
		all.forEach(layer -> layer.forEach(neuron -> neuron.sort(bestFirst)));
		return all;
	}

	static List<Integer> range(int from, int to) {
		List<Integer> out = new ArrayList<>();
		for (int i = from; i < to; i++) {
			out.add(i);
		}
		return out;
	}

	@Test
	void oneBatchKeepsExactlyTheBruteForceTopK() {
		NeuronExamplesJob.Collected collected = NeuronExamplesJob.collect(weights, encodings, K, 100_000, (s, t) -> {
		});
		assertMatches(collected.layers(), bruteForce(List.of(range(0, CORPUS.size()))));
		// all-MiniLM-L6-v2 frames each sentence by [CLS] and [SEP]: two tokens not
		// offered
		assertThat(collected.offered())
			.isEqualTo(encodings.stream().mapToInt(e -> e.ids().length).sum() - 2 * CORPUS.size());
	}

	@Test
	void oneSentencePerBatchKeepsExactlyTheBruteForceTopKOfOneSentencePasses() {
		List<Integer> batches = new ArrayList<>();
		List<TopActivations> tops = NeuronExamplesJob.collect(weights, encodings, K, 1, (s, t) -> batches.add(s))
			.layers();
		assertThat(batches).containsExactlyElementsOf(range(1, CORPUS.size() + 1));
		List<List<Integer>> single = new ArrayList<>();
		for (int s = 0; s < CORPUS.size(); s++) {
			single.add(List.of(s));
		}
		assertMatches(tops, bruteForce(single));
	}

	private static void assertMatches(List<TopActivations> tops, List<List<List<TopActivations.Entry>>> reference) {
		assertThat(tops).hasSize(6);
		for (int l = 0; l < 6; l++) {
			for (int n : NEURONS) {
				List<TopActivations.Entry> expected = reference.get(l).get(n).subList(0, K);
				assertThat(tops.get(l).sorted(n)).as("layer %d neuron %d", l, n).containsExactlyElementsOf(expected);
			}
			int never = 0;
			float max = Float.NEGATIVE_INFINITY;
			for (int n = 0; n < weights.neurons(); n++) {
				float top = reference.get(l).get(n).get(0).value();
				assertThat(tops.get(l).max(n)).isEqualTo(top);
				never += top > 0 ? 0 : 1;
				max = Math.max(max, top);
			}
			NeuronExamplesResult.LayerSummary summary = NeuronExamplesJob.summary(l, tops.get(l));
			assertThat(summary.neuronsNeverPositive()).isEqualTo(never);
			assertThat(summary.maxActivation()).isEqualTo(max);
		}
	}

	@Test
	void theArtifactGivesBackWhatWasKept() {
		List<TopActivations> tops = NeuronExamplesJob.collect(weights, encodings, K, 64, (s, t) -> {
		}).layers();
		List<List<String>> pieces = encodings.stream().map(WordPieceTokenizer.Encoding::pieces).toList();
		ExampleArtifact artifact = ExampleArtifact
			.decode(ExampleArtifact.encode(Transformers.MINILM, 6, CORPUS, pieces, tops));
		assertThat(artifact.model()).isEqualTo(Transformers.MINILM);
		assertThat(artifact.texts()).isEqualTo(CORPUS);
		assertThat(artifact.pieces()).isEqualTo(pieces);
		for (int l = 0; l < 6; l++) {
			for (int n = 0; n < weights.neurons(); n++) {
				assertThat(artifact.examples(l, n)).containsExactly(tops.get(l).sorted(n));
			}
		}
	}

	@Test
	void tiesKeepTheEarliestTokensAndFewTokensKeepFewerThanK() {
		Random random = new Random(7);
		int neurons = 3;
		int rows = 500;
		float[] values = new float[rows * neurons];
		int[] sentence = new int[rows];
		int[] token = new int[rows];
		boolean[] skip = new boolean[rows];
		List<List<TopActivations.Entry>> all = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (int r = 0; r < rows; r++) {
			sentence[r] = r / 10;
			token[r] = r % 10;
			skip[r] = r % 10 == 0;
			for (int n = 0; n < neurons; n++) {
				// few distinct values, so ties everywhere; -0.0 and 0.0 among them
				float v = switch (random.nextInt(5)) {
					case 0 -> -0.0f;
					case 1 -> 0.0f;
					default -> random.nextInt(4) * 0.5f;
				};
				values[r * neurons + n] = v;
				if (!skip[r]) {
					all.get(n).add(new TopActivations.Entry(v, sentence[r], token[r]));
				}
			}
		}
		TopActivations top = new TopActivations(neurons, 40);
		// in corpus order, over several batches
		for (int from = 0; from < rows; from += 70) {
			int to = Math.min(rows, from + 70);
			top.offer(java.util.Arrays.copyOfRange(values, from * neurons, to * neurons),
					java.util.Arrays.copyOfRange(sentence, from, to), java.util.Arrays.copyOfRange(token, from, to),
					java.util.Arrays.copyOfRange(skip, from, to));
		}
		for (int n = 0; n < neurons; n++) {
			List<TopActivations.Entry> expected = new ArrayList<>(all.get(n));
			expected.sort(TopActivations.Entry.BEST_FIRST);
			assertThat(top.sorted(n)).containsExactlyElementsOf(expected.subList(0, 40));
		}
		TopActivations few = new TopActivations(2, 8);
		few.offer(new float[] { 1, 2, 3, 4, 5, 6 }, new int[] { 0, 0, 1 }, new int[] { 0, 1, 0 }, null);
		assertThat(few.sorted(1)).containsExactly(new TopActivations.Entry(6, 1, 0), new TopActivations.Entry(4, 0, 1),
				new TopActivations.Entry(2, 0, 0));
	}

}
