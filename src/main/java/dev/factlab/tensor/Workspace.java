package dev.factlab.tensor;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reusable off-heap buffers for large intermediates, one per named slot. Allocating a
 * fresh ND4J array costs ≈ 3 ms per MB here (≈ 0.1 s for a 512 × 16,384 activation
 * matrix), as much as a third of a large forward pass; a slot keeps its buffer and hands
 * out views of its leading rows. Not thread-safe: one pass at a time, and a matrix from a
 * slot is valid only until the slot is used again.
 */
public final class Workspace {

	private final Map<String, INDArray> buffers = new HashMap<>();

	/**
	 * @return a [rows, cols] matrix backed by slot {@code slot}'s buffer (contents
	 * undefined), or null when it is small enough for the heap, where allocation is cheap
	 */
	FloatMatrix matrix(String slot, int rows, int cols) {
		if ((long) rows * cols <= FloatMatrix.HEAP_MAX_ELEMENTS) {
			return null;
		}
		INDArray buffer = buffers.get(slot);
		if (buffer == null || buffer.columns() != cols || buffer.rows() < rows) {
			buffer = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
			buffers.put(slot, buffer);
		}
		INDArray view = buffer.rows() == rows ? buffer : buffer.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
		return FloatMatrix.adopt(view);
	}

	/** Bytes held by the buffers. */
	public long bytes() {
		return buffers.values().stream().mapToLong(b -> b.length() * Float.BYTES).sum();
	}

}
