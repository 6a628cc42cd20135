package dev.factlab.transformers;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a weight-angles job stores: per matrix, its rows' angles beside random directions
 * of the same shape and the bounds, and the comparisons in a few sentences.
 *
 * @param spec what ran
 * @param matrices one entry per matrix, in the spec's order
 * @param kernel how the angles were computed
 * @param seconds the whole run's wall time
 * @param note each matrix's comparison summary, one per line
 */
@Schema(description = "Pairwise angles of a transformer's weight rows beside random directions")
public record WeightAnglesResult(@Schema(description = "What ran") WeightAnglesSpec spec,
		@Schema(description = "One entry per matrix") List<MatrixAngles> matrices,
		@Schema(description = "How the angles were computed",
				example = "2 workers, tiles of 1024, Vector API 512-bit") String kernel,
		@Schema(description = "Wall time of the run in seconds", example = "21.5") double seconds,
		@Schema(description = "Each matrix's comparison in one sentence, one per line") String note) {

	public WeightAnglesResult {
		matrices = List.copyOf(matrices);
	}

}
