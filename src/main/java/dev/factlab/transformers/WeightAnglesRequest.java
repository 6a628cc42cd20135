package dev.factlab.transformers;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.jobs.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** A weight-angles job as posted; every field is optional. */
@Schema(description = "Pairwise angles of a pretrained transformer's weight rows beside random directions")
public record WeightAnglesRequest(
		@Schema(description = "Transformer id; default all-minilm-l6-v2", example = "all-minilm-l6-v2") String model,
		@Schema(description = "Matrices to measure, each at most once: token-embeddings, w-up-L (rows of layer L's "
				+ "W_up: what each neuron reads), w-down-L (columns of W_down: what each neuron writes); default all",
				example = "[\"token-embeddings\", \"w-up-0\"]") List<String> matrices,
		@Schema(description = "Seed of the random directions; default 1", example = "1") Long seed,
		@Schema(description = "Measure only the first this many rows of each matrix (at least 2); default all",
				example = "2000") Integer rows)
		implements
			JobRequest<WeightAnglesSpec> {

	@Override
	public WeightAnglesSpec toSpec() {
		if (rows != null && rows < 2) {
			throw new InvalidInputException("Invalid rows", "rows must be at least 2 but was " + rows);
		}
		return new WeightAnglesSpec(model == null ? Transformers.MINILM : model, matrices, seed == null ? 1 : seed,
				rows);
	}

}
