package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import dev.factlab.tensor.Activation;
import dev.factlab.tensor.MemoryBudget;
import org.junit.jupiter.api.Test;

/**
 * An activation report validates and computes with one model: the one its id named when
 * the report started, even if the id is deleted and created again in between. The
 * interleaving is forced: the catalog lookup that starts the report replaces the model
 * before it returns.
 */
class ActivationReportRaceTests {

	/** Eight neurons reading two dimensions: row i of W_up. */
	static final float[][] WIDE_UP = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 }, { -1, 1 }, { 2, 0 }, { 0.5f, 3 },
			{ 4, 4 } };

	final ModelCatalog catalog = new ModelCatalog(1L << 30, 64, MemoryBudget.unlimited(), Clock.systemUTC());

	final ModelFactory factory = new ModelFactory(catalog, MlpBlockTests.LIMITS);

	@Test
	void aReportComputesWithTheModelItValidatedWhenTheIdIsReplacedMeanwhile() {
		MlpModel wide = factory.create("swapped", explicit(WIDE_UP));
		ForwardPasses replacing = new ForwardPasses(catalog, MlpBlockTests.LIMITS) {
			@Override
			public ModelCatalog.Lease lease(String modelId) {
				ModelCatalog.Lease found = super.lease(modelId);
				catalog.delete(modelId);
				factory.create(modelId, explicit(new float[][] { { -1, -1 }, { -2, 5 } }));
				return found;
			}
		};
		ActivationReports reports = new ActivationReports(replacing, MlpBlockTests.LIMITS);
		float[] token = { 1, 0.5f };

		// topK 8 and neuron 7 are valid for the wide model only; the narrow one has 2
		// neurons
		ActivationReports.Report report = reports.report("swapped", List.of(new TokenInput.Vector(token)), 8, 7);

		assertThat(report.model()).isSameAs(wide);
		assertThat(wide.weights().wUp().isClosed()).as("deleted, closed once the report was done").isTrue();
		assertThat(catalog.get("swapped").weights().neurons()).as("the id names the new model by now").isEqualTo(2);
		float[] expected = relu(WIDE_UP, token);
		assertThat(report.neuron().values()).containsExactly(expected[7]);
		ActivationReports.TokenActivity activity = report.tokens().get(0);
		assertThat(activity.top()).hasSize(8);
		for (ActivationReports.NeuronValue value : activity.top()) {
			assertThat(value.value()).as("neuron %d", value.neuron()).isEqualTo(expected[value.neuron()]);
		}
		assertThat(activity.top().get(0).neuron()).as("the strongest: 4 + 2").isEqualTo(7);
		long active = 0;
		for (float v : expected) {
			active += v > 0 ? 1 : 0;
		}
		assertThat(activity.activeCount()).isEqualTo(active);
	}

	static ModelSpecs.Explicit explicit(float[][] wUp) {
		float[][] wDown = new float[2][wUp.length];
		return new ModelSpecs.Explicit(null, Activation.RELU, wUp, null, wDown, null, null, null);
	}

	/** relu(W_up · token), the neurons of a bias-free block, by plain loops. */
	static float[] relu(float[][] wUp, float[] token) {
		float[] out = new float[wUp.length];
		for (int i = 0; i < wUp.length; i++) {
			float sum = 0;
			for (int j = 0; j < token.length; j++) {
				sum += wUp[i][j] * token[j];
			}
			out[i] = Math.max(0, sum);
		}
		return out;
	}

}
