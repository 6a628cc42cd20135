package dev.factlab.transformers;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.RowAngles;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One weight matrix's rows measured: their lengths, every pairwise angle, the same for
 * random Gaussian directions of the same shape, what geometry allows, and the comparison.
 *
 * @param name e.g. {@code w-up-0}
 * @param description what its rows are
 * @param rows N, the rows measured (the first N of the matrix)
 * @param dimensions D
 * @param norms the rows' lengths
 * @param angles the rows' pairwise angles
 * @param random the pairwise angles of N standard-normal vectors of D dimensions
 * @param bounds Welch's and Levenstein's bounds and the capacity at 90° ± 1° for N and D
 * @param comparison real against random
 * @param seconds time to measure the rows
 * @param randomSeconds time to draw and measure the random directions; 0 when an earlier
 * matrix of the same shape in this run already measured them (the same seed and shape
 * give the same directions)
 */
@Schema(description = "One weight matrix's rows measured beside random directions of the same shape")
public record MatrixAngles(@Schema(description = "The matrix", example = "w-up-0") String name,
		@Schema(description = "What its rows are") String description,
		@Schema(description = "N, rows measured (the first N of the matrix)", example = "1536") int rows,
		@Schema(description = "D, their length", example = "384") int dimensions,
		@Schema(description = "The rows' lengths") RowNorms norms,
		@Schema(description = "The rows' pairwise angles (rows normalised)") RowAngles angles,
		@Schema(description = "Pairwise angles of N standard-normal vectors in D dimensions") RowAngles random,
		@Schema(description = "What no arrangement of N vectors in D dimensions can beat") AngleBounds bounds,
		@Schema(description = "Real against random") AngleComparison comparison,
		@Schema(description = "Seconds to measure the rows", example = "2.1") double seconds,
		@Schema(description = "Seconds to draw and measure the random directions; 0 when reused from an earlier "
				+ "matrix of the same shape", example = "2.2") double randomSeconds) {
}
