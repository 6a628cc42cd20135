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
 * out views of its leading rows. Each buffer is reserved in a {@link MemoryBudget} as
 * {@link MemoryBudget#WORKSPACES}; a slot whose width changes frees its old buffer at
 * once, and {@link #close()} frees them all. Not thread-safe: one pass at a time, and a
 * matrix from a slot is valid only until the slot is used again.
 */
public final class Workspace implements AutoCloseable {

	private record Slot(INDArray buffer, MemoryBudget.Reservation reservation) {

		void free() {
			buffer.close();
			reservation.close();
		}

	}

	private final MemoryBudget budget;

	private final Map<String, Slot> slots = new HashMap<>();

	/** With no memory budget, for tests and benchmarks. */
	public Workspace() {
		this(MemoryBudget.unlimited());
	}

	public Workspace(MemoryBudget budget) {
		this.budget = budget;
	}

	/**
	 * @return a [rows, cols] matrix backed by slot {@code slot}'s buffer (contents
	 * undefined), or null when it is small enough for the heap, where allocation is cheap
	 * @throws dev.factlab.errors.LimitExceededException when the budget can't hold a
	 * larger buffer
	 */
	FloatMatrix matrix(String slot, int rows, int cols) {
		if ((long) rows * cols <= FloatMatrix.HEAP_MAX_ELEMENTS) {
			return null;
		}
		Slot held = slots.get(slot);
		if (held == null || held.buffer().columns() != cols || held.buffer().rows() < rows) {
			if (held != null) {
				slots.remove(slot).free();
			}
			MemoryBudget.Reservation reservation = budget.reserve((long) rows * cols * Float.BYTES,
					MemoryBudget.WORKSPACES);
			held = new Slot(Nd4j.createUninitialized(DataType.FLOAT, rows, cols), reservation);
			slots.put(slot, held);
		}
		INDArray buffer = held.buffer();
		INDArray view = buffer.rows() == rows ? buffer : buffer.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
		return FloatMatrix.adopt(view);
	}

	/** Bytes held by the buffers. */
	public long bytes() {
		return slots.values().stream().mapToLong(s -> s.buffer().length() * Float.BYTES).sum();
	}

	/** Frees every buffer; the workspace may be used again (it allocates anew). */
	@Override
	public void close() {
		slots.values().forEach(Slot::free);
		slots.clear();
	}

}
