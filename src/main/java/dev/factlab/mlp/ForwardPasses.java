package dev.factlab.mlp;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.UnavailableException;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;
import dev.factlab.tensor.MemoryBudget;
import dev.factlab.tensor.Workspace;
import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Forward passes through stored models, within the limits. Passes whose intermediates
 * exceed {@value #LARGE_PASS_VALUES} values run one at a time: their GEMMs use every core
 * anyway, and it bounds the memory that concurrent large requests can hold.
 */
@Service
public class ForwardPasses {

	/**
	 * Passes whose intermediates leave the heap are the large ones (see
	 * {@link FloatMatrix#HEAP_MAX_ELEMENTS}).
	 */
	static final long LARGE_PASS_VALUES = FloatMatrix.HEAP_MAX_ELEMENTS;

	private final ModelCatalog catalog;

	private final MlpLimits limits;

	/** One large pass at a time; package-private for the tests that hold it. */
	final Semaphore largePasses = new Semaphore(1, true);

	/** Buffers of large passes, used under {@link #largePasses} only. */
	private final Workspace workspace;

	ForwardPasses(ModelCatalog catalog, MlpLimits limits) {
		this(catalog, limits, MemoryBudget.unlimited());
	}

	/**
	 * @param budget charged the large passes' workspace
	 */
	@Autowired
	ForwardPasses(ModelCatalog catalog, MlpLimits limits, MemoryBudget budget) {
		this.catalog = catalog;
		this.limits = limits;
		this.workspace = new Workspace(budget);
	}

	/** Frees the workspace at shutdown, after the large pass in flight (if any). */
	@PreDestroy
	void close() {
		largePasses.acquireUninterruptibly();
		try {
			workspace.close();
		}
		finally {
			largePasses.release();
		}
	}

	/**
	 * One pass with every intermediate.
	 *
	 * @param labels a readable label per token
	 * @param features [tokens, directions]: the residual's dot product with each named
	 * direction, or null when the model has none
	 */
	public record Result(MlpModel model, List<String> labels, Map<Stage, float[]> values, float[] features) {

		/**
		 * @return the included stage's values, [tokens, width] row-major, or null when
		 * not included
		 */
		public float[] values(Stage stage) {
			return values.get(stage);
		}

	}

	/**
	 * The model {@code modelId} names now, its weights kept open until the lease closes.
	 * @throws NotFoundException for an unknown id
	 */
	public ModelCatalog.Lease lease(String modelId) {
		return catalog.lease(modelId);
	}

	public Result forward(String modelId, List<TokenInput> tokens, Set<Stage> include) {
		return forward(modelId, tokens, include, null);
	}

	/**
	 * @param activation the nonlinearity to run the block with instead of the model's own
	 * (to see what it changes), or null for the model's own. The model is not modified.
	 */
	public Result forward(String modelId, List<TokenInput> tokens, Set<Stage> include, Activation activation) {
		try (ModelCatalog.Lease lease = catalog.lease(modelId)) {
			return forward(lease.model(), tokens, include, activation);
		}
	}

	private Result forward(MlpModel model, List<TokenInput> tokens, Set<Stage> include, Activation activation) {
		MlpWeights weights = activation == null ? model.weights() : model.weights().withActivation(activation);
		TokenEncoder.Encoded encoded = TokenEncoder.encode(tokens, model, limits);
		int n = encoded.tokens().rows();
		checkActivationValues(model, n);
		long values = 0;
		for (Stage stage : include) {
			values += (long) n * stage.width(model.weights());
		}
		if (values > limits.maxResponseValues()) {
			throw new LimitExceededException(
					"numbers in one forward response (tokens × widths of %s)"
						.formatted(include.stream().map(Stage::wireName).toList()),
					limits.maxResponseValues(), values, "numbers");
		}
		return gated(model, n, workspace -> {
			MlpBlock.Forward forward = MlpBlock.forward(weights, encoded.tokens(), workspace);
			Map<Stage, float[]> arrays = new EnumMap<>(Stage.class);
			for (Stage stage : include) {
				arrays.put(stage, stage.of(forward).toArray());
			}
			float[] features = model.directions().isEmpty() ? null
					: TensorOps.affine(forward.residual(), model.directions().vectors(), null).toArray();
			return new Result(model, encoded.labels(), arrays, features);
		});
	}

	/**
	 * The neurons only, for activation reports: computed with {@code model} as given,
	 * whatever its id names in the catalog by now.
	 * @return [tokens, neurons] with the model and labels
	 */
	public Neurons neurons(MlpModel model, List<TokenInput> tokens) {
		TokenEncoder.Encoded encoded = TokenEncoder.encode(tokens, model, limits);
		checkActivationValues(model, encoded.tokens().rows());
		float[] values = gated(model, encoded.tokens().rows(),
				workspace -> MlpBlock.neurons(model.weights(), encoded.tokens(), workspace).toArray());
		return new Neurons(model, encoded.labels(), values);
	}

	/**
	 * @param values [tokens, neurons] row-major
	 */
	public record Neurons(MlpModel model, List<String> labels, float[] values) {
	}

	private void checkActivationValues(MlpModel model, int tokens) {
		long activationValues = (long) tokens * model.weights().neurons();
		if (activationValues > limits.maxActivationValues()) {
			throw new LimitExceededException("tokens × neurons of one pass (model '%s' has %,d neurons)".formatted(
					model.id(), model.weights().neurons()), limits.maxActivationValues(), activationValues, "values");
		}
	}

	/**
	 * Runs a pass: small ones at once without a workspace, large ones one at a time in
	 * the shared workspace (whose buffers the pass must copy out of before it returns),
	 * each waiting at most factlab.mlp.large-pass-wait for its turn.
	 * @throws UnavailableException when the turn doesn't come in time
	 */
	private <T> T gated(MlpModel model, int tokens, Function<Workspace, T> pass) {
		if ((long) tokens * model.weights().neurons() <= LARGE_PASS_VALUES) {
			return pass.apply(null);
		}
		acquireLargePassTurn(tokens * (long) model.weights().neurons());
		try {
			return pass.apply(workspace);
		}
		finally {
			largePasses.release();
		}
	}

	private void acquireLargePassTurn(long values) {
		Duration wait = limits.largePassWait();
		try {
			if (largePasses.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new UnavailableException("Busy with a large pass",
				("a large pass (%,d tokens × neurons; those over %,d run one at a time) waited %d ms for its turn "
						+ "(factlab.mlp.large-pass-wait) while another ran; retry shortly")
					.formatted(values, LARGE_PASS_VALUES, wait.toMillis()),
				wait.isZero() ? Duration.ofSeconds(1) : wait);
	}

}
