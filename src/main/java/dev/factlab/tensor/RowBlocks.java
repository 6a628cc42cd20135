package dev.factlab.tensor;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A float32 matrix [rows, cols] off-heap, row-major, cut into blocks of {@code blockRows}
 * rows (the last may be shorter) for {@link TileBuffer}'s products, with a
 * {@link FloatBuffer} over all of it for Java loops. Its bytes are reserved in a
 * {@link MemoryBudget} until {@link #close()}, which frees them.
 */
public final class RowBlocks implements AutoCloseable {

	private final int rows;

	private final int cols;

	private final INDArray matrix;

	/** One view per block, made once (each ND4J view costs tens of microseconds). */
	private final INDArray[] blocks;

	private final FloatBuffer values;

	private final MemoryBudget.Reservation reservation;

	/**
	 * Zeros [rows, cols].
	 * @param budget charged {@code rows·cols·4} bytes under {@code use} until closed
	 * @throws dev.factlab.errors.LimitExceededException when the budget can't hold them
	 */
	public RowBlocks(int rows, int cols, int blockRows, MemoryBudget budget, String use) {
		if (rows < 1 || cols < 1 || blockRows < 1) {
			throw new IllegalArgumentException(
					"rows, cols and blockRows must be positive but were %d, %d, %d".formatted(rows, cols, blockRows));
		}
		Math.multiplyExact(rows, cols); // Java loops index the values with int
		this.reservation = budget.reserve((long) rows * cols * Float.BYTES, use);
		this.rows = rows;
		this.cols = cols;
		this.matrix = Nd4j.create(DataType.FLOAT, rows, cols);
		this.blocks = new INDArray[(rows + blockRows - 1) / blockRows];
		for (int b = 0; b < blocks.length; b++) {
			int start = b * blockRows;
			blocks[b] = matrix.get(NDArrayIndex.interval(start, Math.min(rows, start + blockRows)), NDArrayIndex.all());
		}
		this.values = matrix.data().asNioFloat();
	}

	public int rows() {
		return rows;
	}

	public int cols() {
		return cols;
	}

	/** All rows·cols values, row-major; reads and writes go to the matrix. */
	public FloatBuffer values() {
		return values;
	}

	/** Rows of block {@code block}. */
	public int blockRows(int block) {
		return (int) blocks[block].rows();
	}

	/**
	 * @param rowMajor [rows × cols]. Not modified.
	 */
	public void load(float[] rowMajor) {
		if (rowMajor.length != (long) rows * cols) {
			throw new IllegalArgumentException("values expected [%d × %d = %d] but was [%d]".formatted(rows, cols,
					(long) rows * cols, rowMajor.length));
		}
		values.put(0, rowMajor);
	}

	/**
	 * @param other [rows, cols]. Not modified.
	 */
	public void copyFrom(RowBlocks other) {
		if (other.rows != rows || other.cols != cols) {
			throw new IllegalArgumentException(
					"copy expected [%d, %d] but was [%d, %d]".formatted(rows, cols, other.rows, other.cols));
		}
		matrix.assign(other.matrix);
	}

	/** Sets every value to 0. */
	public void zero() {
		matrix.assign(0);
	}

	/** A copy of all values, row-major [rows × cols]. */
	public float[] toArray() {
		float[] copy = new float[rows * cols];
		values.get(0, copy);
		return copy;
	}

	/**
	 * Divides every row by its Euclidean length (computed in double); zero rows stay
	 * zero.
	 */
	public void normaliseRowsInPlace() {
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

	INDArray block(int block) {
		return blocks[block];
	}

	@Override
	public void close() {
		matrix.close();
		reservation.close();
	}

}
