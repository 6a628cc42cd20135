package dev.factlab.mlp;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;
import dev.factlab.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Forward passes through stored models, within the limits. Passes whose intermediates
 * exceed {@value #LARGE_PASS_VALUES} values run one at a time: their GEMMs use every core
 * anyway, and it bounds the memory that concurrent large requests can hold.
 */
@Service
public class ForwardPasses {

	static final long LARGE_PASS_VALUES = 1 << 20;

	private final ModelCatalog catalog;

	private final MlpLimits limits;

	private final Semaphore largePasses = new Semaphore(1, true);

	ForwardPasses(ModelCatalog catalog, MlpLimits limits) {
		this.catalog = catalog;
		this.limits = limits;
	}

	/**
	 * One pass with every intermediate.
	 *
	 * @param labels a readable label per token
	 * @param features [tokens, directions]: the residual's dot product with each named
	 * direction, or null when the model has none
	 */
	public record Result(MlpModel model, List<String> labels, MlpBlock.Forward forward, FloatMatrix features) {
	}

	/**
	 * @throws ApiException 404 for an unknown id
	 */
	public MlpModel model(String modelId) {
		return catalog.get(modelId);
	}

	public Result forward(String modelId, List<TokenInput> tokens, Set<Stage> include) {
		MlpModel model = catalog.get(modelId);
		TokenEncoder.Encoded encoded = TokenEncoder.encode(tokens, model, limits);
		int n = encoded.tokens().rows();
		checkActivationValues(model, n);
		long values = 0;
		for (Stage stage : include) {
			values += (long) n * stage.width(model.weights());
		}
		if (values > limits.maxResponseValues()) {
			throw ApiException.tooLarge(
					"numbers in one forward response (tokens × widths of %s)"
						.formatted(include.stream().map(Stage::wireName).toList()),
					limits.maxResponseValues(), values, "numbers");
		}
		MlpBlock.Forward forward = gated(model, n, () -> MlpBlock.forward(model.weights(), encoded.tokens()));
		FloatMatrix features = model.directions().isEmpty() ? null
				: TensorOps.affine(forward.residual(), model.directions().vectors(), null);
		return new Result(model, encoded.labels(), forward, features);
	}

	/**
	 * The neurons only, for activation reports.
	 * @return [tokens, neurons] with the model and labels
	 */
	public Neurons neurons(String modelId, List<TokenInput> tokens) {
		MlpModel model = catalog.get(modelId);
		TokenEncoder.Encoded encoded = TokenEncoder.encode(tokens, model, limits);
		checkActivationValues(model, encoded.tokens().rows());
		FloatMatrix values = gated(model, encoded.tokens().rows(),
				() -> MlpBlock.neurons(model.weights(), encoded.tokens()));
		return new Neurons(model, encoded.labels(), values);
	}

	/**
	 * @param values [tokens, neurons]
	 */
	public record Neurons(MlpModel model, List<String> labels, FloatMatrix values) {
	}

	private void checkActivationValues(MlpModel model, int tokens) {
		long activationValues = (long) tokens * model.weights().neurons();
		if (activationValues > limits.maxActivationValues()) {
			throw ApiException.tooLarge("tokens × neurons of one pass (model '%s' has %,d neurons)".formatted(
					model.id(), model.weights().neurons()), limits.maxActivationValues(), activationValues, "values");
		}
	}

	private <T> T gated(MlpModel model, int tokens, Supplier<T> pass) {
		if ((long) tokens * model.weights().neurons() <= LARGE_PASS_VALUES) {
			return pass.get();
		}
		largePasses.acquireUninterruptibly();
		try {
			return pass.get();
		}
		finally {
			largePasses.release();
		}
	}

}
