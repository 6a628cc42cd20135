package dev.factlab.angles.internal;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import dev.factlab.angles.AngleExperiment;
import dev.factlab.angles.AngleLoss;
import dev.factlab.angles.AngleRunResult;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.AngleTimings;
import dev.factlab.angles.HistogramRange;
import dev.factlab.angles.MeasureListener;
import dev.factlab.angles.RowAngles;
import dev.factlab.angles.StepListener;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.MemoryBudget;
import dev.factlab.tensor.RowBlocks;

/**
 * The angle experiment over tensor's tiled Gram products: the entry point of this package
 * for {@code dev.factlab.angles.AngleOptimiser}. Everything runs in lanes over Gram tiles
 * ({@link GramTiles}), each GEMM single-threaded under tensor's BLAS thread lease
 * (forward passes meanwhile keep every BLAS thread). Vectors, gradients and tiles are
 * charged to the memory budget as jobs. Results are bitwise the same for the same spec,
 * worker count, tile size and kernel kind.
 */
public final class AngleEngine {

	private final int workers;

	private final int tileSize;

	private final TileKernels kernels;

	private final MemoryBudget budget;

	/** With no memory budget, for tests and benchmarks. */
	public AngleEngine(int workers, int tileSize, boolean preferVectorApi) {
		this(workers, tileSize, preferVectorApi, MemoryBudget.unlimited());
	}

	/**
	 * @param workers lanes that run in parallel, each with its own tile buffer and
	 * gradient copy
	 * @param tileSize rows per Gram tile (512–1024 is fastest on 2 cores)
	 * @param preferVectorApi use the Java Vector API when its module is present
	 * @param budget charged what a run holds off-heap
	 */
	public AngleEngine(int workers, int tileSize, boolean preferVectorApi, MemoryBudget budget) {
		if (workers < 1 || tileSize < 1) {
			throw new IllegalArgumentException(
					"workers and tileSize must be positive but were %d and %d".formatted(workers, tileSize));
		}
		this.workers = workers;
		this.tileSize = tileSize;
		this.kernels = TileKernels.choose(preferVectorApi);
		this.budget = budget;
	}

	/** e.g. "2 workers, tiles of 1024, Vector API 512-bit". */
	public String describe() {
		return "%d workers, tiles of %d, %s".formatted(workers, tileSize, kernels.name());
	}

	/**
	 * Runs {@code experiment} as {@code dev.factlab.angles.AngleOptimiser#run} documents.
	 */
	public AngleRunResult run(AngleExperiment experiment, StepListener listener) {
		int n = experiment.vectors();
		int d = experiment.dimensions();
		BooleanSupplier cancel = listener::cancelRequested;
		try (GramTiles tiles = new GramTiles(Tiling.of(n, Math.min(tileSize, n), workers), budget);
				RowBlocks v = tiles.rowBlocks(d);
				TiledLoss loss = loss(experiment, tiles)) {
			long start = System.nanoTime();
			v.load(GaussianStart.draw(n, d, experiment.seed()));
			v.normaliseRowsInPlace();
			long drawn = System.nanoTime();
			AngleScan scan = new AngleScan(tiles, kernels);
			AngleStatistics before = scan.measure(v, experiment.histogram(), experiment.zoom(), cancel);
			long measured = System.nanoTime();
			TorchAdam adam = new TorchAdam(n * d, experiment.learningRate(), experiment.beta1(), experiment.beta2(),
					experiment.epsilon());
			double[] losses = new double[experiment.steps()];
			double[] stepSeconds = new double[experiment.steps()];
			for (int step = 1; step <= experiment.steps(); step++) {
				if (cancel.getAsBoolean()) {
					throw new CancellationException("angle run cancelled before step " + step);
				}
				long stepStart = System.nanoTime();
				losses[step - 1] = loss.evaluate(v, cancel);
				adam.stepInPlace(v.values(), loss.laneGradients(), loss.gradientScale(), step);
				loss.constrainInPlace(v);
				long now = System.nanoTime();
				stepSeconds[step - 1] = (now - stepStart) / 1e9;
				listener.afterStep(new StepListener.Progress(step, experiment.steps(), losses[step - 1],
						Duration.ofNanos(now - measured)));
			}
			long optimised = System.nanoTime();
			AngleStatistics after = scan.measure(v, experiment.histogram(), experiment.zoom(), cancel);
			long end = System.nanoTime();
			AngleTimings timings = new AngleTimings((drawn - start) / 1e9, (measured - drawn) / 1e9,
					(optimised - measured) / 1e9, (end - optimised) / 1e9, stepSeconds);
			return new AngleRunResult(experiment, before, after, losses, timings, v.toArray(), describe());
		}
	}

	/**
	 * The angles of the rows of {@code vectors}.
	 * @param vectors [n × d] row-major; rows need not be unit. Not modified.
	 */
	public AngleStatistics measure(float[] vectors, int n, int d, HistogramRange histogram, HistogramRange zoom,
			BooleanSupplier cancel) {
		try (GramTiles tiles = new GramTiles(Tiling.of(n, Math.min(tileSize, n), workers), budget);
				RowBlocks v = tiles.rowBlocks(d)) {
			v.load(vectors);
			return new AngleScan(tiles, kernels).measure(v, histogram, zoom, cancel);
		}
	}

	/**
	 * The angles of the rows of {@code rows}, copied row by row into the tiles' blocks
	 * (no heap copy of the whole matrix).
	 * @param rows [n, d] with n ≥ 2; rows need not be unit. Not modified.
	 */
	public RowAngles measureRows(FloatMatrix rows, HistogramRange histogram, HistogramRange zoom,
			MeasureListener listener) {
		int n = rows.rows();
		int d = rows.cols();
		try (GramTiles tiles = new GramTiles(Tiling.of(n, Math.min(tileSize, n), workers), budget);
				RowBlocks v = tiles.rowBlocks(d)) {
			float[] row = new float[d];
			FloatBuffer values = v.values();
			for (int r = 0; r < n; r++) {
				rows.readRow(r, row);
				values.put(r * d, row);
			}
			return new AngleScan(tiles, kernels).measureRows(v, histogram, zoom, listener);
		}
	}

	/**
	 * The loss of {@code experiment} at {@code vectors}, and its gradient, for tests.
	 * @param vectors [n × d] row-major, used as they are by the lesson's loss, normalised
	 * first for a loss of cosines. Not modified.
	 */
	Evaluation evaluate(float[] vectors, AngleExperiment experiment) {
		int n = experiment.vectors();
		int d = experiment.dimensions();
		try (GramTiles tiles = new GramTiles(Tiling.of(n, Math.min(tileSize, n), workers), budget);
				RowBlocks v = tiles.rowBlocks(d);
				TiledLoss loss = loss(experiment, tiles)) {
			v.load(vectors);
			loss.constrainInPlace(v);
			double value = loss.evaluate(v, () -> false);
			float[] gradient = new float[n * d];
			for (RowBlocks lane : loss.laneGradients()) {
				for (int i = 0; i < gradient.length; i++) {
					gradient[i] += lane.values().get(i);
				}
			}
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] *= loss.gradientScale();
			}
			return new Evaluation(value, gradient);
		}
	}

	/** A loss value and its gradient [n × d]. */
	record Evaluation(double loss, float[] gradient) {
	}

	private TiledLoss loss(AngleExperiment experiment, GramTiles tiles) {
		return (experiment.loss() == AngleLoss.LESSON)
				? new LessonLoss(tiles, kernels, experiment.dimensions(), experiment.cutoff())
				: new SmoothMaxCosineLoss(tiles, kernels, experiment.dimensions(), experiment.smoothMaxExponent());
	}

}
