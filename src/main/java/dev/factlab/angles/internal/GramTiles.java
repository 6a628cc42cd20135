package dev.factlab.angles.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.factlab.angles.internal.Tiling.Tile;
import dev.factlab.tensor.MemoryBudget;
import dev.factlab.tensor.RowBlocks;
import dev.factlab.tensor.TileBuffer;

/**
 * Runs a {@link TileTask} over every tile of a {@link Tiling}: each lane, on its own
 * thread (lane 0 on the caller's), computes its tiles' Gram blocks G = V_I V_Jᵀ into its
 * own {@link TileBuffer}, one single-threaded GEMM per tile, and hands each to the task.
 * Memory: one tile² buffer per lane, whatever N is, charged to the budget as
 * {@link MemoryBudget#JOBS}. Cancellation is polled before every tile.
 */
final class GramTiles implements AutoCloseable {

	/**
	 * What to do with one Gram tile. Runs on the lane's thread; may use only that lane's
	 * state.
	 */
	@FunctionalInterface
	interface TileTask {

		/**
		 * @param gram holds [tile.rows(), tile.cols()] = V_I V_Jᵀ. Modified as the task
		 * likes.
		 * @param bytes {@code gram}'s values, little-endian from byte 0
		 */
		void accept(int lane, Tile tile, TileBuffer gram, ByteBuffer bytes);

	}

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final Tiling tiling;

	private final TileBuffer[] workspaces;

	private final MemoryBudget budget;

	private final ExecutorService pool;

	GramTiles(Tiling tiling, MemoryBudget budget) {
		this.tiling = tiling;
		this.budget = budget;
		int lanes = tiling.lanes().size();
		this.workspaces = new TileBuffer[lanes];
		try {
			for (int lane = 0; lane < lanes; lane++) {
				workspaces[lane] = new TileBuffer(tiling.tileSize(), budget, MemoryBudget.JOBS);
			}
		}
		catch (RuntimeException ex) {
			closeBuffers();
			throw ex;
		}
		int id = POOLS.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		this.pool = (lanes == 1) ? null : Executors.newFixedThreadPool(lanes - 1, task -> {
			Thread thread = new Thread(task, "angles-%d-lane-%d".formatted(id, threads.incrementAndGet()));
			thread.setDaemon(true);
			return thread;
		});
	}

	Tiling tiling() {
		return tiling;
	}

	/**
	 * Zeros [N, cols] in this tiling's row blocks, charged to the same budget.
	 */
	RowBlocks rowBlocks(int cols) {
		return new RowBlocks(tiling.vectors(), cols, tiling.tileSize(), budget, MemoryBudget.JOBS);
	}

	int lanes() {
		return workspaces.length;
	}

	/**
	 * Visits every tile once, lanes in parallel, each lane's tiles in its fixed order.
	 * Returns only when every lane has stopped, so the buffers are never in use after it.
	 * @param v [N, D] with blocks of this tiling. Not modified.
	 * @throws CancellationException when {@code cancelRequested} turned true or the
	 * calling thread was interrupted; the lanes stopped within one tile (an interrupt
	 * stays set on the thread)
	 */
	void forEachTile(RowBlocks v, TileTask task, BooleanSupplier cancelRequested) {
		Thread caller = Thread.currentThread();
		BooleanSupplier stopRequested = () -> caller.isInterrupted() || cancelRequested.getAsBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicBoolean cancelled = new AtomicBoolean();
		List<Future<?>> others = new ArrayList<>();
		for (int lane = 1; lane < lanes(); lane++) {
			int l = lane;
			others.add(pool.submit(() -> runLane(l, v, task, stopRequested, stop, cancelled)));
		}
		Throwable failure = null;
		try {
			runLane(0, v, task, stopRequested, stop, cancelled);
		}
		catch (RuntimeException | Error ex) {
			stop.set(true);
			failure = ex;
		}
		boolean interrupted = false;
		for (Future<?> other : others) {
			while (true) {
				try {
					other.get();
					break;
				}
				catch (ExecutionException ex) {
					stop.set(true);
					failure = (failure == null) ? ex.getCause() : failure;
					break;
				}
				catch (InterruptedException ex) {
					// Keep waiting: the lane still uses this object's buffers until it
					// sees the stop.
					interrupted = true;
					cancelled.set(true);
					stop.set(true);
				}
			}
		}
		if (interrupted) {
			caller.interrupt();
		}
		if (failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure instanceof Error ex) {
			throw ex;
		}
		if (cancelled.get()) {
			throw new CancellationException("angle run cancelled");
		}
	}

	private void runLane(int lane, RowBlocks v, TileTask task, BooleanSupplier stopRequested, AtomicBoolean stop,
			AtomicBoolean cancelled) {
		TileBuffer workspace = workspaces[lane];
		for (Tile tile : tiling.lanes().get(lane)) {
			if (stop.get()) {
				return;
			}
			if (stopRequested.getAsBoolean()) {
				cancelled.set(true);
				stop.set(true);
				return;
			}
			workspace.gram(v, tile.rowBlock(), tile.colBlock());
			task.accept(lane, tile, workspace, workspace.bytes());
		}
	}

	@Override
	public void close() {
		if (pool != null) {
			pool.shutdownNow();
		}
		closeBuffers();
	}

	private void closeBuffers() {
		for (TileBuffer workspace : workspaces) {
			if (workspace != null) {
				workspace.close();
			}
		}
	}

}
