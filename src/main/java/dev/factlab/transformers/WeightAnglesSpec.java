package dev.factlab.transformers;

import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A weight-angles job as it runs, every default resolved.
 *
 * @param model the transformer's id
 * @param matrices the matrices measured, in order, or null for every matrix of the model
 * @param seed seed of the random directions (the same for every matrix: one shape, one
 * baseline)
 * @param rows measure only the first this many rows of each matrix, or null for all
 */
@Schema(description = "The weight-angles job that ran")
public record WeightAnglesSpec(@Schema(description = "Transformer id", example = "all-minilm-l6-v2") String model,
		@Schema(description = "Matrices measured, in order; null for all of the model's") List<String> matrices,
		@Schema(description = "Seed of the random directions", example = "1") long seed,
		@Schema(description = "Only the first this many rows of each matrix; null for all",
				example = "2000") Integer rows) {

	public WeightAnglesSpec {
		Objects.requireNonNull(model, "model");
		matrices = (matrices == null) ? null : List.copyOf(matrices);
	}

}
