package dev.factlab.mlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.tensor.FloatMatrix;

import org.springframework.stereotype.Component;

/** Validates model specs against the limits and stores the models they describe. */
@Component
public class ModelFactory {

	static final int MAX_INIT_SCALE = 100;

	private final ModelCatalog catalog;

	private final MlpLimits limits;

	ModelFactory(ModelCatalog catalog, MlpLimits limits) {
		this.catalog = catalog;
		this.limits = limits;
	}

	public MlpModel create(String id, ModelSpecs.Explicit spec) {
		float[][] wUp = spec.wUp();
		if (wUp == null || wUp.length == 0 || wUp[0] == null || wUp[0].length == 0) {
			throw new InvalidInputException("Invalid weights",
					"wUp must be a non-empty [neurons][dModel] array of numbers");
		}
		int neurons = wUp.length;
		int dModel = wUp[0].length;
		checkSizes(dModel, neurons);
		long parameters = 2L * dModel * neurons;
		if (parameters > limits.maxExplicitParameters()) {
			throw new LimitExceededException(
					"parameters of a model posted as explicit weights (use a random-init spec for larger ones)",
					limits.maxExplicitParameters(), parameters, "parameters");
		}
		FloatMatrix up = matrix("wUp", wUp, neurons, dModel);
		FloatMatrix down = matrix("wDown", spec.wDown(), dModel, neurons);
		float[] bUp = vector("bUp", spec.bUp(), neurons, "neurons");
		float[] bDown = vector("bDown", spec.bDown(), dModel, "dModel");
		NamedDirections directions = directions(spec.directions(), dModel);
		List<String> labels = labels(spec.neuronLabels(), neurons);
		MlpWeights weights = new MlpWeights(up, bUp, down, bDown, spec.activation());
		String base = "%s-%dx%d".formatted(spec.activation().wireName().replace('_', '-'), dModel, neurons);
		long bytes = ModelFootprint.bytes(dModel, neurons, directions.names(), labels);
		return catalog.create(id, base, bytes,
				() -> new MlpModel.Draft(describe(spec.description(), "explicit weights", weights), weights, directions,
						labels));
	}

	/**
	 * A block of seeded Normal(0, initScale²) weights: W_up [neurons, dModel] drawn row
	 * by row from {@code seed}, W_down [dModel, neurons] drawn neuron by neuron (column
	 * by column: W_downᵀ is drawn like W_up) from {@code seed + 1}, zero biases. W_down
	 * is stored column-major when off-heap, so the few-token pass reads only the columns
	 * of neurons that are not zero (ReLU's zeros,
	 * {@code FloatMatrix#randomNormalByColumns}). Since 2026-12-01 (issue 12, ReLU
	 * sparsity): before, W_down's draws went row by row, so a seed now gives a different
	 * W_down (the same draws in another order); W_up is unchanged.
	 */
	public MlpModel create(String id, ModelSpecs.Random spec) {
		checkSizes(spec.dModel(), spec.neurons());
		if (!(spec.initScale() > 0) || spec.initScale() > MAX_INIT_SCALE) {
			throw new InvalidInputException("Invalid init scale",
					"initScale must be in (0, %s] but was %s".formatted(MAX_INIT_SCALE, spec.initScale()));
		}
		int d = spec.dModel();
		int n = spec.neurons();
		long bytes = ModelFootprint.bytes(d, n, List.of(), List.of());
		String base = "%s-%dx%d-seed%d".formatted(spec.activation().wireName().replace('_', '-'), d, n,
				Math.abs(spec.seed()));
		return catalog.create(id, base, bytes, () -> {
			MlpWeights weights = new MlpWeights(FloatMatrix.randomNormal(n, d, spec.initScale(), spec.seed()),
					new float[n], FloatMatrix.randomNormalByColumns(d, n, spec.initScale(), spec.seed() + 1),
					new float[d], spec.activation());
			String how = "random Normal(0, %s²) weights, seed %d".formatted(spec.initScale(), spec.seed());
			return new MlpModel.Draft(describe(spec.description(), how, weights), weights, NamedDirections.NONE,
					List.of());
		});
	}

	private static String describe(String description, String how, MlpWeights weights) {
		if (description != null && !description.isBlank()) {
			return description;
		}
		return "%s block, dModel %d, %d neurons, %s".formatted(weights.activation().wireName(), weights.dModel(),
				weights.neurons(), how);
	}

	private void checkSizes(int dModel, int neurons) {
		if (dModel <= 0 || neurons <= 0) {
			throw new InvalidInputException("Invalid size",
					"dModel and neurons must be positive but were dModel=%d, neurons=%d".formatted(dModel, neurons));
		}
		if (dModel > limits.maxDModel()) {
			throw new LimitExceededException("dModel", limits.maxDModel(), dModel, "dimensions");
		}
		if (neurons > limits.maxNeurons()) {
			throw new LimitExceededException("neurons", limits.maxNeurons(), neurons, "neurons");
		}
	}

	private static FloatMatrix matrix(String name, float[][] rows, int expectedRows, int expectedCols) {
		if (rows == null) {
			throw new InvalidInputException("Invalid weights",
					"%s is required: expected [%d][%d] numbers".formatted(name, expectedRows, expectedCols));
		}
		int cols = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
		if (rows.length != expectedRows || cols != expectedCols) {
			throw new InvalidInputException("Wrong shape",
					"%s expected [%s] but was [%d, %d]".formatted(name, shapeText(name, expectedRows, expectedCols),
							rows.length, cols))
				.with("expected", List.of(expectedRows, expectedCols))
				.with("actual", List.of(rows.length, cols));
		}
		for (int r = 0; r < rows.length; r++) {
			if (rows[r] == null || rows[r].length != expectedCols) {
				throw new InvalidInputException("Wrong shape", "%s row %d expected %d numbers but had %s"
					.formatted(name, r, expectedCols, rows[r] == null ? "null" : rows[r].length));
			}
			checkFinite(name + "[" + r + "]", rows[r]);
		}
		return FloatMatrix.ofRows(rows);
	}

	private static String shapeText(String name, int rows, int cols) {
		return name.equals("wUp") ? "neurons=%d, dModel=%d".formatted(rows, cols)
				: "dModel=%d, neurons=%d".formatted(rows, cols);
	}

	private static float[] vector(String name, float[] values, int expected, String what) {
		if (values == null) {
			return new float[expected];
		}
		if (values.length != expected) {
			throw new InvalidInputException("Wrong shape",
					"%s expected [%s=%d] but was [%d]".formatted(name, what, expected, values.length))
				.with("expected", expected)
				.with("actual", values.length);
		}
		checkFinite(name, values);
		return values.clone();
	}

	private NamedDirections directions(Map<String, float[]> given, int dModel) {
		if (given == null || given.isEmpty()) {
			return NamedDirections.NONE;
		}
		if (given.size() > limits.maxNamedDirections()) {
			throw new LimitExceededException("named directions", limits.maxNamedDirections(), given.size(),
					"directions");
		}
		Map<String, float[]> ordered = new LinkedHashMap<>(given);
		float[][] rows = new float[ordered.size()][];
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, float[]> entry : ordered.entrySet()) {
			String name = entry.getKey();
			if (name.isBlank() || name.length() > 100) {
				throw new InvalidInputException("Invalid direction name",
						"direction names must be 1 to 100 characters but got '%s'".formatted(name));
			}
			rows[names.size()] = vector("directions['" + name + "']", entry.getValue(), dModel, "dModel");
			names.add(name);
		}
		return new NamedDirections(names, FloatMatrix.ofRows(rows));
	}

	private static List<String> labels(List<String> labels, int neurons) {
		if (labels == null) {
			return List.of();
		}
		if (labels.size() != neurons) {
			throw new InvalidInputException("Wrong shape",
					"neuronLabels expected one label per neuron (%d) but had %d".formatted(neurons, labels.size()));
		}
		return labels.stream().map(l -> l == null ? "" : l).toList();
	}

	private static void checkFinite(String name, float[] values) {
		for (int i = 0; i < values.length; i++) {
			if (!Float.isFinite(values[i])) {
				throw new InvalidInputException("Non-finite number",
						"%s[%d] must be a finite float32 number but was %s".formatted(name, i, values[i]));
			}
		}
	}

}
