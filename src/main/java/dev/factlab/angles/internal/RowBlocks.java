package dev.factlab.angles.internal;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A float32 matrix [rows, cols] in ND4J memory, row-major, with one view per row block of
 * a {@link Tiling} made once (each ND4J view costs tens of microseconds) and a
 * {@link FloatBuffer} over all of it for Java loops.
 */
final class RowBlocks implements AutoCloseable {

	final int rows;

	final int cols;

	final INDArray matrix;

	/**
	 * [tiling.blocks()] views, block b = rows [b·tileSize, b·tileSize + blockRows(b)).
	 */
	final INDArray[] blocks;

	/** All rows·cols values, row-major. */
	final FloatBuffer values;

	/** Zeros [rows, cols]. */
	RowBlocks(int rows, int cols, Tiling tiling) {
		if (tiling.vectors() != rows) {
			throw new IllegalArgumentException(
					"tiling expected [vectors=%d] but was [%d]".formatted(rows, tiling.vectors()));
		}
		Math.multiplyExact(rows, cols); // Java loops index the values with int
		this.rows = rows;
		this.cols = cols;
		this.matrix = Nd4j.create(DataType.FLOAT, rows, cols);
		this.blocks = new INDArray[tiling.blocks()];
		for (int b = 0; b < blocks.length; b++) {
			int start = tiling.blockStart(b);
			blocks[b] = matrix.get(NDArrayIndex.interval(start, start + tiling.blockRows(b)), NDArrayIndex.all());
		}
		this.values = matrix.data().asNioFloat();
	}

	/**
	 * @param rowMajor [rows × cols]. Not modified.
	 */
	void load(float[] rowMajor) {
		if (rowMajor.length != (long) rows * cols) {
			throw new IllegalArgumentException("values expected [%d × %d = %d] but was [%d]".formatted(rows, cols,
					(long) rows * cols, rowMajor.length));
		}
		values.put(0, rowMajor);
	}

	/** A copy of all values, row-major [rows × cols]. */
	float[] toArray() {
		float[] copy = new float[rows * cols];
		values.get(0, copy);
		return copy;
	}

	/**
	 * Divides every row by its Euclidean length (computed in double); zero rows stay
	 * zero.
	 */
	void normaliseRowsInPlace() {
		for (int r = 0; r < rows; r++) {
			int base = r * cols;
			double sum = 0;
			for (int c = 0; c < cols; c++) {
				double x = values.get(base + c);
				sum += x * x;
			}
			if (sum > 0) {
				float inverse = (float) (1 / Math.sqrt(sum));
				for (int c = 0; c < cols; c++) {
					values.put(base + c, values.get(base + c) * inverse);
				}
			}
		}
	}

	@Override
	public void close() {
		matrix.close();
	}

}
