package dev.factlab.mlp;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.factlab.errors.NotFoundException;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;

import org.springframework.stereotype.Service;

/**
 * What one neuron reads (its W_up row), its bias, and what it writes (its W_down column).
 */
@Service
public class NeuronInspector {

	static final int TOP_COORDINATES = 10;

	private final ModelCatalog catalog;

	NeuronInspector(ModelCatalog catalog) {
		this.catalog = catalog;
	}

	/** One coordinate of a vector. */
	public record Coordinate(@Schema(description = "Coordinate index in [0, dModel)", example = "4") int index,
			@Schema(description = "Its value", example = "1.0") float value) {
	}

	/**
	 * A direction of the embedding space, described three ways.
	 *
	 * @param norm its Euclidean length
	 * @param features its dot product with each named direction, largest first (empty
	 * when the model has none)
	 * @param topCoordinates its largest coordinates by magnitude
	 */
	public record DirectionView(@Schema(description = "Euclidean length", example = "1.4142135") double norm, @Schema(
			description = "Dot product with each named direction, largest first; empty when the model has none") List<NamedDirections.Feature> features,
			@Schema(description = "The 10 largest coordinates by magnitude") List<Coordinate> topCoordinates) {
	}

	public record Report(MlpModel model, int index, String label, float bias, DirectionView reads,
			DirectionView writes) {
	}

	/**
	 * @throws NotFoundException for an unknown model or a neuron index out of range
	 */
	public Report inspect(String modelId, int index) {
		try (ModelCatalog.Lease lease = catalog.lease(modelId)) {
			return inspect(lease.model(), index);
		}
	}

	private Report inspect(MlpModel model, int index) {
		int neurons = model.weights().neurons();
		if (index < 0 || index >= neurons) {
			throw new NotFoundException("Unknown neuron", "neuron %d does not exist: model '%s' has neurons 0 to %d"
				.formatted(index, model.id(), neurons - 1));
		}
		MlpWeights weights = model.weights();
		return new Report(model, index, model.neuronLabel(index), weights.bUp()[index],
				view(weights.wUp().row(index), model.directions()),
				view(weights.wDown().column(index), model.directions()));
	}

	private static DirectionView view(float[] vector, NamedDirections directions) {
		double sumOfSquares = 0;
		for (float v : vector) {
			sumOfSquares += (double) v * v;
		}
		List<NamedDirections.Feature> features = List.of();
		if (!directions.isEmpty()) {
			FloatMatrix dots = TensorOps.affine(FloatMatrix.of(1, vector.length, vector), directions.vectors(), null);
			features = directions.decode(dots.row(0));
		}
		List<Coordinate> coordinates = new ArrayList<>(vector.length);
		for (int i = 0; i < vector.length; i++) {
			coordinates.add(new Coordinate(i, vector[i]));
		}
		coordinates.sort(Comparator.comparingDouble((Coordinate c) -> -Math.abs(c.value())));
		return new DirectionView(Math.sqrt(sumOfSquares), features,
				List.copyOf(coordinates.subList(0, Math.min(TOP_COORDINATES, coordinates.size()))));
	}

}
