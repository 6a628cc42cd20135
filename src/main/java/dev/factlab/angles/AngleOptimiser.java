package dev.factlab.angles;

import java.util.Objects;
import java.util.concurrent.CancellationException;

import dev.factlab.angles.internal.AngleEngine;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.MemoryBudget;

/**
 * Runs angle experiments: draws {@code vectors} × {@code dimensions} standard-normal
 * numbers from {@code java.util.Random(seed)} (rounded to float32; not numpy's stream),
 * normalises the rows, measures the angles, takes {@code steps} full-batch Adam steps on
 * the experiment's loss in float32 like the lesson, and measures again.
 * <p>
 * The Gram matrix is never formed: it is computed in tiles on or above the diagonal, each
 * tile's GEMM serving both halves, so memory is O(N·D + workers · tileSize²) (N =
 * 100,000, D = 100 runs in well under 1 GB). Workers each own a tile buffer and a
 * gradient copy and visit a fixed set of tiles; their gradients are summed in a fixed
 * order, so the same experiment gives bitwise the same result on the same configuration.
 * Each of its GEMMs runs single-threaded under tensor's BLAS thread lease, so forward
 * passes meanwhile keep every BLAS thread. Thread-safe; runs may overlap.
 */
public final class AngleOptimiser {

	/** factlab.angles.workers and tile-size as {@link AngleLimits} defines them. */
	public static final int DEFAULT_WORKERS = AngleLimits.DEFAULT.workers(),
			DEFAULT_TILE_SIZE = AngleLimits.DEFAULT.tileSize();

	private final AngleLimits limits;

	private final AngleEngine engine;

	/**
	 * @param limits the largest experiment accepted
	 * @param workers parallel lanes, at least 1
	 * @param tileSize rows per Gram tile, at least 1
	 */
	public AngleOptimiser(AngleLimits limits, int workers, int tileSize) {
		this(limits, workers, tileSize, MemoryBudget.unlimited());
	}

	/**
	 * @param budget charged a run's vectors, gradients and tiles (as
	 * {@link MemoryBudget#JOBS}); a run that doesn't fit fails with
	 * {@link LimitExceededException}
	 */
	public AngleOptimiser(AngleLimits limits, int workers, int tileSize, MemoryBudget budget) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.engine = new AngleEngine(workers, tileSize, !Boolean.getBoolean("factlab.angles.scalar"), budget);
	}

	/**
	 * {@link AngleLimits#DEFAULT}, {@link #DEFAULT_WORKERS}, {@link #DEFAULT_TILE_SIZE}.
	 */
	public static AngleOptimiser withDefaults() {
		return new AngleOptimiser(AngleLimits.DEFAULT, DEFAULT_WORKERS, DEFAULT_TILE_SIZE);
	}

	/**
	 * Runs {@code experiment} on the calling thread (plus workers − 1 threads of its
	 * own).
	 * @throws LimitExceededException when {@code experiment} exceeds the limits
	 * @throws CancellationException when {@code listener} asked to stop
	 */
	public AngleRunResult run(AngleExperiment experiment, StepListener listener) {
		limits.check(experiment);
		return engine.run(experiment, Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * The pairwise angles of any vectors, e.g. a stored result.
	 * @param vectors [n × d] row-major; rows need not be unit. Not modified.
	 */
	public AngleStatistics measure(float[] vectors, int n, int d, HistogramRange histogram, HistogramRange zoom) {
		if (n < 2 || d < 1 || vectors.length != (long) n * d) {
			throw new IllegalArgumentException(
					"vectors expected [n × d = %d × %d] with n >= 2 but had %d values".formatted(n, d, vectors.length));
		}
		limits.checkMeasurement(n, d, histogram, zoom);
		return engine.measure(vectors, n, d, histogram, zoom, () -> false);
	}

	/**
	 * The pairwise angles of the rows of a matrix the caller already holds (e.g. a
	 * model's weights), with progress and cancellation: every unordered pair once, in
	 * Gram tiles over this optimiser's lanes, bitwise the same for the same matrix on the
	 * same configuration. There is no cap on N·D here (the matrix already exists); the
	 * two off-heap copies a measurement needs (2·N·D floats) and the tiles are charged to
	 * the memory budget, so a matrix too large for it fails with
	 * {@link LimitExceededException}. Time grows as N²·D: 30,522 × 384 takes seconds.
	 * @param rows [N, D] with N ≥ 2; rows need not be unit (angles normalise, the norms
	 * are reported). Not modified.
	 * @throws LimitExceededException for histograms over factlab.angles.max-bins, or when
	 * the budget can't hold the copies
	 * @throws CancellationException when {@code listener} asked to stop
	 */
	public RowAngles measureRows(FloatMatrix rows, HistogramRange histogram, HistogramRange zoom,
			MeasureListener listener) {
		if (rows.rows() < 2) {
			throw new IllegalArgumentException(
					"rows expected [N, D] with N >= 2 but was [%d, %d]".formatted(rows.rows(), rows.cols()));
		}
		limits.checkMeasurement(2, 1, histogram, zoom);
		return engine.measureRows(rows, histogram, zoom, Objects.requireNonNull(listener, "listener"));
	}

	/** How the work is done, e.g. "2 workers, tiles of 1024, Vector API 512-bit". */
	public String describe() {
		return engine.describe();
	}

}
