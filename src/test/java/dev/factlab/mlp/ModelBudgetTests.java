package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.MemoryBudget;
import org.junit.jupiter.api.Test;

/**
 * A model is charged everything it holds, against the models' share and the process's one
 * budget, and the number of models is capped.
 */
class ModelBudgetTests {

	final MemoryBudget process = new MemoryBudget(1L << 30, "factlab.tensor.memory-budget");

	ModelCatalog catalog;

	ModelFactory factory(long modelBudget, int maxModels) {
		catalog = new ModelCatalog(modelBudget, maxModels, process, Clock.systemUTC());
		return new ModelFactory(catalog, MlpBlockTests.LIMITS);
	}

	static ModelSpecs.Explicit andGate(List<String> labels, Map<String, float[]> directions) {
		return new ModelSpecs.Explicit(null, Activation.RELU, new float[][] { { 1, 1, 0 }, { 0, 1, 1 } },
				new float[] { -1, -1 }, new float[][] { { 0, 0 }, { 0, 0 }, { 2, 2 } }, null, directions, labels);
	}

	@Test
	void directionsLabelsAndOffHeapCopiesAreChargedNotOnlyWeights() {
		ModelFactory factory = factory(1L << 20, 8);
		Map<String, float[]> directions = new LinkedHashMap<>();
		directions.put("first:Michael", new float[] { 1, 0, 0 });
		directions.put("last:Jordan", new float[] { 0, 1, 0 });
		MlpModel model = factory.create("charged", andGate(List.of("a and b", "b and c"), directions));
		// By hand: W_up [2, 3] and W_down [3, 2], each 24 bytes on the heap plus 24 of
		// off-heap copy; biases 5 floats; directions [2, 3] likewise 2 × 24, and two
		// names
		// and two labels at 48 bytes plus two per character.
		long expected = 2 * (24 + 24) + 5 * 4 + (24 + 24) + (48 + 2 * 13) + (48 + 2 * 11) + (48 + 2 * 7) * 2;
		assertThat(ModelFootprint.of(model)).isEqualTo(expected);
		assertThat(process.usage().bytes(MemoryBudget.MODELS)).isEqualTo(expected);
		assertThat(expected).isGreaterThan(model.weights().bytes());
	}

	@Test
	void deletingAModelGivesItsBytesBack() {
		ModelFactory factory = factory(1L << 20, 8);
		factory.create("gone", andGate(null, null));
		assertThat(process.usedBytes()).isPositive();
		assertThat(catalog.memory().usedBytes()).isEqualTo(process.usedBytes());
		catalog.delete("gone");
		assertThat(process.usedBytes()).isZero();
		assertThat(catalog.memory().usedBytes()).isZero();
	}

	@Test
	void aDeleteDuringAPassNeitherBreaksThePassNorKeepsItsBytes() throws Exception {
		ModelFactory factory = factory(1L << 20, 8);
		factory.create("leased", andGate(null, null));
		long charged = process.usedBytes();
		CountDownLatch leased = new CountDownLatch(1);
		CountDownLatch deleted = new CountDownLatch(1);
		float[][] neurons = new float[1][];
		MlpWeights[] used = new MlpWeights[1];
		Thread pass = new Thread(() -> {
			try (ModelCatalog.Lease lease = catalog.lease("leased")) {
				used[0] = lease.model().weights();
				leased.countDown();
				deleted.await(10, TimeUnit.SECONDS);
				neurons[0] = MlpBlock.neurons(used[0], FloatMatrix.of(1, 3, new float[] { 1, 1, 0 })).toArray();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		pass.start();
		assertThat(leased.await(10, TimeUnit.SECONDS)).isTrue();
		catalog.delete("leased");
		assertThatThrownBy(() -> catalog.get("leased")).isInstanceOf(NotFoundException.class);
		assertThat(process.usedBytes()).as("held while the pass runs").isEqualTo(charged);
		assertThat(used[0].wUp().isClosed()).isFalse();
		deleted.countDown();
		pass.join();
		// By hand: relu([1+1+0-1, 0+1+0-1]) = [1, 0].
		assertThat(neurons[0]).containsExactly(1f, 0f);
		assertThat(used[0].wUp().isClosed()).isTrue();
		assertThat(used[0].wDown().isClosed()).isTrue();
		assertThat(process.usedBytes()).isZero();
		assertThat(catalog.memory().usedBytes()).isZero();
	}

	@Test
	void deletingAModelNobodyUsesClosesItsWeightsAtOnce() {
		ModelFactory factory = factory(1L << 20, 8);
		MlpModel model = factory.create("idle", andGate(null, null));
		catalog.delete("idle");
		assertThat(model.weights().wUp().isClosed()).isTrue();
		assertThat(process.usedBytes()).isZero();
	}

	@Test
	void theNumberOfModelsIsCapped() {
		ModelFactory factory = factory(1L << 20, 2);
		factory.create("one", andGate(null, null));
		factory.create("two", andGate(null, null));
		assertThatThrownBy(() -> factory.create("three", andGate(null, null)))
			.isInstanceOfSatisfying(LimitExceededException.class, ex -> {
				assertThat(ex.limit()).isEqualTo(2);
				assertThat(ex.requested()).isEqualTo(3);
				assertThat(ex.getMessage()).contains("factlab.mlp.max-models");
			});
		catalog.delete("one");
		factory.create("three", andGate(null, null));
	}

	@Test
	void aModelWithinItsShareIsStillRefusedWhenTheProcessBudgetIsFull() {
		ModelFactory factory = factory(1L << 20, 8);
		try (MemoryBudget.Reservation job = process.reserve(process.capacityBytes() - 100, MemoryBudget.JOBS)) {
			assertThatThrownBy(() -> factory.create("squeezed", andGate(null, null)))
				.isInstanceOf(LimitExceededException.class)
				.hasMessageContaining("factlab.tensor.memory-budget");
			assertThat(catalog.memory().models()).isZero();
		}
		factory.create("squeezed", andGate(null, null));
	}

}
