package dev.factlab.transformers;

import java.util.Arrays;

import dev.factlab.tensor.FloatMatrix;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The Euclidean lengths of a matrix's rows (angles ignore them: rows are normalised
 * first), in double.
 *
 * @param min the shortest row
 * @param median the median length (the mean of the two middle ones for even N)
 * @param max the longest row
 * @param mean mean length
 * @param std population standard deviation of the lengths
 * @param zeroRows rows of length 0 (they count as perpendicular to every other row)
 */
@Schema(description = "Lengths of the rows (angles normalise them away)")
public record RowNorms(@Schema(description = "Shortest row", example = "0.52") double min,
		@Schema(description = "Median row length", example = "1.41") double median,
		@Schema(description = "Longest row", example = "2.9") double max,
		@Schema(description = "Mean row length", example = "1.43") double mean,
		@Schema(description = "Population standard deviation of the row lengths", example = "0.2") double std,
		@Schema(description = "Rows of length 0", example = "0") long zeroRows) {

	/**
	 * @param matrix [rows, cols]. Not modified.
	 */
	static RowNorms of(FloatMatrix matrix) {
		int n = matrix.rows();
		float[] row = new float[matrix.cols()];
		double[] norms = new double[n];
		double sum = 0;
		long zeros = 0;
		for (int r = 0; r < n; r++) {
			matrix.readRow(r, row);
			double squares = 0;
			for (float x : row) {
				squares += (double) x * x;
			}
			norms[r] = Math.sqrt(squares);
			sum += norms[r];
			zeros += squares == 0 ? 1 : 0;
		}
		double mean = sum / n;
		double variance = 0;
		for (double norm : norms) {
			variance += (norm - mean) * (norm - mean);
		}
		Arrays.sort(norms);
		double median = (n % 2 == 1) ? norms[n / 2] : (norms[n / 2 - 1] + norms[n / 2]) / 2;
		return new RowNorms(norms[0], median, norms[n - 1], mean, Math.sqrt(variance / n), zeros);
	}

}
