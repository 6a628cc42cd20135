package dev.factlab.transformers;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.WordPieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ablation on the real weights: nothing ablated changes nothing; one neuron ablated
 * removes exactly its contribution (its activation times its W_down column) from the MLP
 * output of its layer, and nothing before that layer moves.
 */
class AblationTests {

	static EncoderWeights weights;

	static List<int[]> sequences;

	@BeforeAll
	static void load() throws Exception {
		weights = MiniLmLoader.weights();
		WordPieceTokenizer tokenizer = MiniLmLoader.tokenizer();
		sequences = List.of(tokenizer.encode("Michael Jordan plays the sport of").ids(),
				tokenizer.encode("The Eiffel Tower is in Paris.").ids());
	}

	@Test
	void ablatingNothingChangesNothing() {
		TransformerPass.Result plain = TransformerPass.run(weights, sequences, List.of());
		TransformerPass.Result empty = TransformerPass.run(weights, sequences, List.of(new Ablation(2, new int[0])));
		assertThat(empty.hidden().toArray()).containsExactly(plain.hidden().toArray());
		for (int l = 0; l < plain.layers().size(); l++) {
			assertThat(empty.layers().get(l).neurons().toArray())
				.containsExactly(plain.layers().get(l).neurons().toArray());
		}
	}

	@Test
	void ablatingANeuronRemovesExactlyItsContribution() {
		int layer = 3;
		TransformerPass.Result plain = TransformerPass.run(weights, sequences, List.of());
		int neuron = mostActive(plain.layers().get(layer).neurons());
		TransformerPass.Result ablated = TransformerPass.run(weights, sequences,
				List.of(new Ablation(layer, new int[] { neuron })));
		for (int l = 0; l < layer; l++) {
			assertThat(ablated.layers().get(l).output().toArray())
				.containsExactly(plain.layers().get(l).output().toArray());
		}
		LayerTrace before = plain.layers().get(layer);
		LayerTrace after = ablated.layers().get(layer);
		float[] column = weights.layers().get(layer).mlp().wDown().column(neuron);
		int d = weights.dModel();
		double largest = 0;
		for (int t = 0; t < before.neurons().rows(); t++) {
			float activation = before.neurons().get(t, neuron);
			assertThat(after.neurons().get(t, neuron)).isZero();
			for (int n = 0; n < before.neurons().cols(); n++) {
				if (n != neuron) {
					assertThat(after.neurons().get(t, n)).isEqualTo(before.neurons().get(t, n));
				}
			}
			for (int i = 0; i < d; i++) {
				double expected = -activation * column[i];
				double actual = after.mlpOut().get(t, i) - before.mlpOut().get(t, i);
				largest = Math.max(largest, Math.abs(expected));
				assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
			}
		}
		assertThat(largest).as("the neuron contributed something").isGreaterThan(1e-3);
		assertThat(ablated.hidden().toArray()).isNotEqualTo(plain.hidden().toArray());
	}

	@Test
	void unknownLayersAndNeuronsAreRejected() {
		assertThatThrownBy(() -> TransformerPass.run(weights, sequences, List.of(new Ablation(6, new int[] { 0 }))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("layer 6 does not exist; the model has layers 0..5");
		assertThatThrownBy(() -> TransformerPass.run(weights, sequences, List.of(new Ablation(0, new int[] { 1536 }))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("neuron 1536 does not exist in layer 0; neurons are 0..1535");
	}

	private static int mostActive(FloatMatrix neurons) {
		int best = 0;
		float value = Float.NEGATIVE_INFINITY;
		for (int n = 0; n < neurons.cols(); n++) {
			if (neurons.get(1, n) > value) {
				value = neurons.get(1, n);
				best = n;
			}
		}
		return best;
	}

}
