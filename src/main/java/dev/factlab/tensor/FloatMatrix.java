package dev.factlab.tensor;

import java.util.Arrays;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense float32 matrix {@code [rows, cols]}, immutable to its users. Matrices of up to
 * {@value #HEAP_MAX_ELEMENTS} elements live on the Java heap, row-major (and get an ND4J
 * copy only if a large product needs one); larger ones live off-heap in ND4J, so a 12,288
 * × 49,152 GPT-3 projection (2.4 GB) never touches the heap. An off-heap matrix is stored
 * row-major, or column-major when made by {@link #randomNormalByColumns} (each column
 * contiguous, ND4J order 'f', strides {@code {1, rows}}: what a kernel that reads whole
 * columns wants, e.g. an MLP's W_down, whose column i is what neuron i writes). The
 * storage order changes nothing a user sees: every method returns the same logical
 * values, and {@link #toArray()} is row-major either way.
 */
public final class FloatMatrix {

	/** Largest matrix kept on the Java heap: 4 MiB of floats. */
	public static final int HEAP_MAX_ELEMENTS = 1 << 20;

	/** The best allocator this JVM has: 2 MB pages where it can, else malloc. */
	static final FloatAllocator AVAILABLE = FloatAllocator.choose();

	/** Where {@link #untouchedOffHeap} takes its memory from. */
	private static volatile FloatAllocator offHeap = AVAILABLE;

	private final int rows;

	private final int cols;

	private final float[] heap;

	/** True for an off-heap matrix stored column after column. */
	private final boolean columnMajor;

	private volatile INDArray nd;

	/** The memory under {@link #nd} when this class allocated it, else null. */
	private final Pointer owned;

	/** {@link #panels(int)}, made on first use. */
	private volatile PanelCopy panels;

	private boolean closed;

	private FloatMatrix(int rows, int cols, float[] heap, INDArray nd) {
		this(rows, cols, heap, nd, null);
	}

	private FloatMatrix(int rows, int cols, float[] heap, INDArray nd, Pointer owned) {
		this.rows = rows;
		this.cols = cols;
		this.heap = heap;
		this.nd = nd;
		this.owned = owned;
		this.columnMajor = nd != null && heap == null && nd.ordering() == 'f';
	}

	/** Where large random matrices take their memory from. */
	static FloatAllocator offHeap() {
		return offHeap;
	}

	/**
	 * Sets {@link #offHeap()}: once, at start-up ({@code factlab.tensor.huge-pages}).
	 */
	static void offHeap(FloatAllocator allocator) {
		offHeap = allocator;
	}

	/**
	 * An off-heap matrix whose memory is allocated but not yet touched: no value is
	 * defined until written, and no page is faulted in until then, so that writers on
	 * several threads fault in their own pages in parallel. (ND4J's
	 * {@code createUninitialized} writes every page on the calling thread first: 4–11 s
	 * for 2.4 GB on a loaded machine here.) The memory is {@link #offHeap()}'s (2 MB
	 * pages where it can), counted against JavaCPP's {@code maxbytes}, and freed by
	 * {@link #close()} or when the matrix is collected. Package-private: the kernels that
	 * fill it write every value.
	 */
	static FloatMatrix untouchedOffHeap(int rows, int cols) {
		return untouchedOffHeap(rows, cols, false);
	}

	/**
	 * {@link #untouchedOffHeap(int, int)} stored row-major or, when {@code columnMajor},
	 * column after column (ND4J order 'f'): element (r, c) at {@code c·rows + r}.
	 */
	static FloatMatrix untouchedOffHeap(int rows, int cols, boolean columnMajor) {
		checkShape(rows, cols);
		long elements = (long) rows * cols;
		FloatPointer memory = offHeap.allocate(elements);
		DataBuffer buffer = Nd4j.createBuffer(memory, DataType.FLOAT, elements, FloatIndexer.create(memory));
		INDArray array = columnMajor ? Nd4j.create(buffer, new long[] { rows, cols }, new long[] { 1, rows }, 0, 'f')
				: Nd4j.create(buffer, new long[] { rows, cols }, new long[] { cols, 1 }, 0, 'c');
		return new FloatMatrix(rows, cols, null, array, memory);
	}

	/**
	 * @param rowMajor {@code rows·cols} values, row after row. Not modified (copied).
	 */
	public static FloatMatrix of(int rows, int cols, float[] rowMajor) {
		checkShape(rows, cols);
		if (rowMajor.length != (long) rows * cols) {
			throw new IllegalArgumentException("expected %d values for [%d, %d] but got %d"
				.formatted((long) rows * cols, rows, cols, rowMajor.length));
		}
		return adopt(rows, cols, rowMajor.clone());
	}

	/**
	 * @param rowArrays one array per row, all of the same length. Not modified.
	 */
	public static FloatMatrix ofRows(float[][] rowArrays) {
		int rows = rowArrays.length;
		int cols = rows == 0 ? 0 : rowArrays[0].length;
		checkShape(rows, cols);
		float[] data = new float[Math.multiplyExact(rows, cols)];
		for (int r = 0; r < rows; r++) {
			if (rowArrays[r].length != cols) {
				throw new IllegalArgumentException(
						"row %d has %d values but row 0 has %d".formatted(r, rowArrays[r].length, cols));
			}
			System.arraycopy(rowArrays[r], 0, data, r * cols, cols);
		}
		return adopt(rows, cols, data);
	}

	/**
	 * Normal(0, std²) entries from {@link RandomNormal}'s seeded generator, filled on
	 * every core: the same seed gives the same matrix on every machine, whatever the
	 * thread count.
	 */
	public static FloatMatrix randomNormal(int rows, int cols, double std, long seed) {
		checkShape(rows, cols);
		return RandomNormal.matrix(rows, cols, std, seed);
	}

	/**
	 * Normal(0, std²) entries drawn column after column: the transpose of
	 * {@code randomNormal(cols, rows, std, seed)}, value for value. Stored column-major
	 * when off-heap (the generator fills the storage in its own order, as fast as
	 * {@link #randomNormal}), row-major on the heap.
	 */
	public static FloatMatrix randomNormalByColumns(int rows, int cols, double std, long seed) {
		checkShape(rows, cols);
		return RandomNormal.byColumns(rows, cols, std, seed);
	}

	/** Writes the values of one row. */
	@FunctionalInterface
	public interface RowWriter {

		/**
		 * @param row the row index
		 * @param out [cols], all zero on entry. Modified.
		 */
		void write(int row, float[] out);

	}

	/**
	 * A matrix filled row by row, on the heap or (when large) straight off-heap, so a
	 * large matrix never needs a heap copy.
	 * @param writer called once per row, in order
	 */
	public static FloatMatrix build(int rows, int cols, RowWriter writer) {
		checkShape(rows, cols);
		float[] row = new float[cols];
		if ((long) rows * cols <= HEAP_MAX_ELEMENTS) {
			float[] data = new float[rows * cols];
			for (int r = 0; r < rows; r++) {
				Arrays.fill(row, 0f);
				writer.write(r, row);
				System.arraycopy(row, 0, data, r * cols, cols);
			}
			return new FloatMatrix(rows, cols, data, null);
		}
		INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
		for (int r = 0; r < rows; r++) {
			Arrays.fill(row, 0f);
			writer.write(r, row);
			FloatViews.view(array, (long) r * cols, cols).put(0, row, 0, cols);
		}
		return new FloatMatrix(rows, cols, null, array);
	}

	/**
	 * @return a new [cols, rows] matrix, this one transposed
	 */
	public FloatMatrix transpose() {
		if (heap != null) {
			float[] out = new float[heap.length];
			for (int r = 0; r < rows; r++) {
				for (int c = 0; c < cols; c++) {
					out[c * rows + r] = heap[r * cols + c];
				}
			}
			return adopt(cols, rows, out);
		}
		return adopt(nd.transpose().dup('c'));
	}

	/**
	 * Copies row {@code row} into {@code out} without allocating (cheap for off-heap
	 * matrices too, unlike {@link #row(int)} there).
	 * @param out [cols]. Modified.
	 */
	public void readRow(int row, float[] out) {
		if (out.length != cols) {
			throw new IllegalArgumentException("out expected [cols=%d] but was [%d]".formatted(cols, out.length));
		}
		if (heap != null) {
			System.arraycopy(heap, row * cols, out, 0, cols);
			return;
		}
		if (columnMajor) {
			readStrided(row, out, 0);
			return;
		}
		// A view of the row alone: one NIO buffer over the whole matrix would stop at 2
		// GB.
		FloatViews.view(nd, (long) row * cols, cols).get(0, out, 0, cols);
	}

	/**
	 * Wraps data that nobody else holds. Package-private: the kernels hand over their
	 * fresh outputs.
	 */
	static FloatMatrix adopt(int rows, int cols, float[] data) {
		if ((long) rows * cols <= HEAP_MAX_ELEMENTS) {
			return new FloatMatrix(rows, cols, data, null);
		}
		INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
		array.data().asNioFloat().put(0, data);
		return new FloatMatrix(rows, cols, null, array);
	}

	/** Wraps an ND4J array that nobody else holds; small ones are copied to the heap. */
	static FloatMatrix adopt(INDArray array) {
		int rows = (int) array.rows();
		int cols = (int) array.columns();
		if ((long) rows * cols <= HEAP_MAX_ELEMENTS) {
			float[] values;
			if (array.ordering() == 'c' && array.elementWiseStride() == 1) {
				// a bulk copy: DataBuffer.asFloat() copies element by element
				values = new float[rows * cols];
				array.data().asNioFloat().get((int) array.offset(), values);
			}
			else {
				values = array.dup('c').data().asFloat();
			}
			return new FloatMatrix(rows, cols, values, array);
		}
		return new FloatMatrix(rows, cols, null, array);
	}

	/**
	 * Row {@code row} of a column-major matrix into {@code out[at, at + cols)}: one float
	 * from each column.
	 */
	private void readStrided(int row, float[] out, int at) {
		DataBuffer data = nd.data();
		long first = nd.offset() + row;
		for (int c = 0; c < cols; c++) {
			out[at + c] = data.getFloat(first + (long) c * rows);
		}
	}

	private static void checkShape(int rows, int cols) {
		if (rows <= 0 || cols <= 0) {
			throw new IllegalArgumentException("matrix shape must be positive but was [%d, %d]".formatted(rows, cols));
		}
	}

	public int rows() {
		return rows;
	}

	public int cols() {
		return cols;
	}

	public long elements() {
		return (long) rows * cols;
	}

	/** Bytes of float32 storage (the off-heap copy of a heap matrix is not counted). */
	public long bytes() {
		return elements() * Float.BYTES;
	}

	/**
	 * What a matrix of this shape may hold in all: its float32 values, plus, for one
	 * small enough for the heap, the off-heap copy that a product with a large matrix
	 * makes of it (and keeps). Budgets charge this.
	 */
	public static long footprintBytes(int rows, int cols) {
		long bytes = (long) rows * cols * Float.BYTES;
		return (long) rows * cols <= HEAP_MAX_ELEMENTS ? 2 * bytes : bytes;
	}

	/** {@link #footprintBytes(int, int)} of this matrix's shape. */
	public long footprintBytes() {
		return footprintBytes(rows, cols);
	}

	/** True when the values live on the Java heap. */
	public boolean onHeap() {
		return heap != null;
	}

	/**
	 * True for an off-heap matrix stored column after column (ND4J order 'f'); false for
	 * every heap matrix and every row-major one.
	 */
	public boolean columnMajor() {
		return columnMajor;
	}

	public float get(int row, int col) {
		return heap != null ? heap[row * cols + col] : nd.getFloat(row, col);
	}

	/**
	 * @return a copy of row {@code row}: {@code [cols]}
	 */
	public float[] row(int row) {
		if (heap != null) {
			return Arrays.copyOfRange(heap, row * cols, (row + 1) * cols);
		}
		float[] out = new float[cols];
		readRow(row, out);
		return out;
	}

	/**
	 * @return a copy of column {@code col}: {@code [rows]}
	 */
	public float[] column(int col) {
		if (heap != null) {
			float[] out = new float[rows];
			for (int r = 0; r < rows; r++) {
				out[r] = heap[r * cols + col];
			}
			return out;
		}
		if (columnMajor) {
			// contiguous: what neuron col of a column-major W_down writes
			float[] out = new float[rows];
			FloatViews.view(nd, (long) col * rows, rows).get(0, out);
			return out;
		}
		return nd.getColumn(col).dup().data().asFloat();
	}

	/**
	 * The rows {@code rows[0]}, {@code rows[1]}, … stacked (an embedding lookup), read
	 * straight from the storage whether on or off the heap.
	 * @param rows indices in {@code [0, rows())}, repeats allowed. Not modified.
	 * @return [rows.length, cols]
	 */
	public FloatMatrix gatherRows(int[] rows) {
		float[] out = new float[Math.multiplyExact(rows.length, cols)];
		for (int i = 0; i < rows.length; i++) {
			int r = rows[i];
			if (r < 0 || r >= this.rows) {
				throw new IndexOutOfBoundsException("row %d of a [%d, %d] matrix".formatted(r, this.rows, cols));
			}
			if (heap != null) {
				System.arraycopy(heap, r * cols, out, i * cols, cols);
			}
			else if (columnMajor) {
				readStrided(r, out, i * cols);
			}
			else {
				FloatViews.view(nd, (long) r * cols, cols).get(0, out, i * cols, cols);
			}
		}
		return adopt(rows.length, cols, out);
	}

	/**
	 * @return a copy of all values, row-major; only for matrices small enough to copy
	 */
	public float[] toArray() {
		if (heap != null) {
			return heap.clone();
		}
		if (columnMajor) {
			float[] storage = new float[Math.toIntExact(elements())];
			FloatViews.view(nd, 0, storage.length).get(0, storage);
			float[] out = new float[storage.length];
			for (int c = 0; c < cols; c++) {
				for (int r = 0; r < rows; r++) {
					out[r * cols + c] = storage[c * rows + r];
				}
			}
			return out;
		}
		float[] out = new float[Math.toIntExact(elements())];
		nd.data().asNioFloat().get((int) nd.offset(), out);
		return out;
	}

	/**
	 * The heap values without a copy, or a copy of the off-heap ones. Package-private:
	 * kernels read, never write.
	 */
	float[] heapOrCopy() {
		return heap != null ? heap : toArray();
	}

	/**
	 * The heap values without a copy, or null for an off-heap matrix. Package-private:
	 * kernels read, never write.
	 */
	float[] heapValues() {
		return heap;
	}

	/** The values in {@link Panels} of {@code width} columns of the transpose. */
	private record PanelCopy(int width, float[] values) {
	}

	/**
	 * This heap matrix in the Java products' layout ({@link Panels} of {@code width}
	 * columns of its transpose), made on first use and kept (it takes the place of the
	 * ND4J copy that {@link #footprintBytes()} allows for). Package-private: kernels
	 * read, never write.
	 */
	float[] panels(int width) {
		PanelCopy copy = panels;
		if (copy == null || copy.width() != width) {
			synchronized (this) {
				copy = panels;
				if (closed) {
					throw new IllegalStateException(this + " was closed");
				}
				if (copy == null || copy.width() != width) {
					copy = new PanelCopy(width, Panels.pack(heap, rows, cols, width));
					panels = copy;
				}
			}
		}
		return copy.values();
	}

	/**
	 * The ND4J array, created from the heap values on first use; order 'f' when
	 * {@link #columnMajor()}, else 'c'. Package-private: kernels read, never write.
	 */
	INDArray nd() {
		INDArray array = nd;
		if (array == null) {
			synchronized (this) {
				array = nd;
				if (closed) {
					throw new IllegalStateException(this + " was closed");
				}
				if (array == null) {
					// a bulk copy: Nd4j.create(float[]) copies element by element
					array = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
					array.data().asNioFloat().put(0, heap);
					nd = array;
				}
			}
		}
		return array;
	}

	/**
	 * Frees the off-heap memory this matrix holds (its values if it lives off-heap, else
	 * its ND4J copy) now rather than when the garbage collector gets to it. The owner
	 * calls it once nobody reads the matrix any more: reading it afterwards is an error.
	 * Closing twice does nothing.
	 */
	public void close() {
		INDArray array;
		synchronized (this) {
			if (closed) {
				return;
			}
			closed = true;
			array = nd;
			nd = null;
			panels = null;
		}
		if (array != null && array.closeable()) {
			array.close();
		}
		if (owned != null) {
			owned.deallocate();
		}
	}

	/** Whether {@link #close()} was called. */
	public synchronized boolean isClosed() {
		return closed;
	}

	@Override
	public String toString() {
		return "FloatMatrix[" + rows + ", " + cols + (heap != null ? ", heap]" : ", off-heap]");
	}

}
