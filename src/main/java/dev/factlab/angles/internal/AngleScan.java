package dev.factlab.angles.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.factlab.tensor.RowBlocks;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.HistogramRange;
import dev.factlab.angles.MeasureListener;
import dev.factlab.angles.RowAngles;
import dev.factlab.angles.internal.TileKernels.ScanMoments;
import dev.factlab.angles.internal.Tiling.Tile;

/**
 * Measures the angles of all N(N−1)/2 pairs of rows from the Gram tiles (J ≥ I; on
 * diagonal tiles only j > i), in one pass per tile: the Vector API kernel clamps, finds
 * each cosine's cell and sums the moments; a scalar loop counts the cells and, for cells
 * near an edge, the exact rank. See {@link AngleStatistics} for the precision of each
 * figure.
 */
final class AngleScan {

	/** Rows of a tile between two polls for cancellation. */
	static final int TILE_POLL_ROWS = 64;

	/** Rows between two polls while the norms are computed. */
	static final int SETUP_POLL_ROWS = 2048;

	private final GramTiles tiles;

	private final TileKernels kernels;

	AngleScan(GramTiles tiles, TileKernels kernels) {
		this.tiles = tiles;
		this.kernels = kernels;
	}

	/**
	 * @param v [N, D]: the vectors; rows need not be unit (they are normalised in a
	 * copy). Not modified.
	 */
	AngleStatistics measure(RowBlocks v, HistogramRange histogram, HistogramRange zoom, BooleanSupplier cancel) {
		return measureRows(v, histogram, zoom, new MeasureListener() {
			@Override
			public void measured(long pairs, long totalPairs) {
			}

			@Override
			public boolean cancelRequested() {
				return cancel.getAsBoolean();
			}
		}).statistics();
	}

	/**
	 * The statistics of {@link #measure} plus the cosine figures of {@link RowAngles}.
	 * @param v [N, D]: the vectors; rows need not be unit (they are normalised in a
	 * copy). Not modified.
	 * @param listener told after each of lane 0's tiles (on the caller's thread) how many
	 * pairs all lanes have measured
	 */
	RowAngles measureRows(RowBlocks v, HistogramRange histogram, HistogramRange zoom, MeasureListener listener) {
		double[] norms = new double[v.rows()];
		try (RowBlocks unit = tiles.rowBlocks(v.cols())) {
			unit.copyFrom(v);
			int cols = v.cols();
			for (int r = 0; r < v.rows(); r++) {
				if (r % SETUP_POLL_ROWS == 0) {
					stopIfCancelled(listener);
				}
				double sum = 0;
				for (int c = 0; c < cols; c++) {
					double x = v.values().get(r * cols + c);
					sum += x * x;
				}
				norms[r] = Math.sqrt(sum);
			}
			unit.normaliseRowsInPlace();
			stopIfCancelled(listener);
			CosineBinning binning = new CosineBinning(histogram, zoom);
			List<LaneCounts> lanes = new ArrayList<>();
			for (int lane = 0; lane < tiles.lanes(); lane++) {
				lanes.add(new LaneCounts(binning.edgeCount(), tiles.tiling().tileSize()));
			}
			long totalPairs = (long) v.rows() * (v.rows() - 1) / 2;
			AtomicLong measured = new AtomicLong();
			tiles.forEachTile(unit, (lane, tile, gram, bytes) -> {
				count(lanes.get(lane), binning, tile, bytes, listener);
				long done = measured.addAndGet(pairs(tile));
				if (lane == 0) {
					listener.measured(done, totalPairs);
				}
			}, listener::cancelRequested);
			long[] fine = new long[CosineBinning.CELLS];
			for (LaneCounts lane : lanes) {
				for (int cell = 0; cell < fine.length; cell++) {
					fine[cell] += lane.fine[cell];
				}
			}
			AngleStatistics statistics = statistics(lanes, fine, binning, histogram, zoom, norms);
			return cosines(statistics, fine);
		}
	}

	private static long pairs(Tile tile) {
		return tile.diagonal() ? (long) tile.rows() * (tile.rows() - 1) / 2 : (long) tile.rows() * tile.cols();
	}

	/**
	 * Mean |cos|, RMS cos and the quantiles of asin|cos| from the fine cells, each pair
	 * at its cell's centre; cells c and CELLS − 1 − c hold the same |cos| range.
	 */
	static RowAngles cosines(AngleStatistics statistics, long[] fine) {
		int half = CosineBinning.CELLS / 2;
		long pairs = statistics.pairs();
		double sumAbs = 0;
		double sumSquares = 0;
		long[] folded = new long[half];
		for (int k = 0; k < half; k++) {
			folded[k] = fine[half + k] + fine[half - 1 - k];
			double centre = (k + 0.5) * CosineBinning.CELL_WIDTH;
			sumAbs += folded[k] * centre;
			sumSquares += folded[k] * centre * centre;
		}
		List<AngleStatistics.Quantile> deviations = new ArrayList<>();
		long before = 0;
		int k = 0;
		for (double level : RowAngles.DEVIATION_LEVELS) {
			double target = level * pairs;
			while (k < half - 1 && before + folded[k] < target) {
				before += folded[k];
				k++;
			}
			double inside = (folded[k] == 0) ? 0 : Math.min(1, (target - before) / folded[k]);
			double abs = Math.min(1, (k + inside) * CosineBinning.CELL_WIDTH);
			deviations.add(new AngleStatistics.Quantile(level, Math.toDegrees(Math.asin(abs))));
		}
		return new RowAngles(statistics, sumAbs / pairs, Math.sqrt(sumSquares / pairs), deviations);
	}

	private static void stopIfCancelled(MeasureListener listener) {
		if (listener.cancelRequested()) {
			throw new CancellationException("angle measurement cancelled");
		}
	}

	/**
	 * Counts one tile's pairs, polling for cancellation every {@link #TILE_POLL_ROWS}
	 * rows: a tile takes tens of milliseconds once the JIT has compiled the kernels, but
	 * seconds before (the Vector API is slow when interpreted).
	 */
	private void count(LaneCounts counts, CosineBinning binning, Tile tile, ByteBuffer bytes,
			MeasureListener listener) {
		int cols = tile.cols();
		for (int r = 0; r < tile.rows(); r++) {
			if (r > 0 && r % TILE_POLL_ROWS == 0) {
				stopIfCancelled(listener);
			}
			int from = tile.diagonal() ? r + 1 : 0;
			int length = cols - from;
			if (length <= 0) {
				continue;
			}
			int offset = r * cols + from;
			kernels.scanSegment(bytes, offset, length, counts.cells, counts.moments);
			for (int k = 0; k < length; k++) {
				int cell = counts.cells[k];
				counts.fine[cell]++;
				int code = binning.code(cell);
				if (code < 0) {
					float c = Math.max(-1f, Math.min(1f, bytes.getFloat((offset + k) << 2)));
					counts.perRank[binning.rank(c, code)]++;
				}
			}
		}
	}

	private static AngleStatistics statistics(List<LaneCounts> lanes, long[] fine, CosineBinning binning,
			HistogramRange histogram, HistogramRange zoom, double[] norms) {
		long[] perRank = new long[binning.edgeCount() + 1];
		ScanMoments moments = new ScanMoments();
		for (LaneCounts lane : lanes) {
			for (int r = 0; r < perRank.length; r++) {
				perRank[r] += lane.perRank[r];
			}
			moments.add(lane.moments);
		}
		long pairs = 0;
		for (int cell = 0; cell < fine.length; cell++) {
			pairs += fine[cell];
			int code = binning.code(cell);
			if (code >= 0) {
				perRank[code] += fine[cell];
			}
		}
		long[] above = binning.countsAbove(perRank);
		double minDegrees = Math.toDegrees(Math.acos(moments.maxCosine));
		double maxDegrees = Math.toDegrees(Math.acos(moments.minCosine));
		double meanU = moments.sumU / pairs;
		double variance = Math.max(0, moments.sumU2 / pairs - meanU * meanU);
		long nearParallel = binning.pairsBelow(above, 10) + pairs - binning.pairsBelow(above, 170);
		double minNorm = Double.POSITIVE_INFINITY;
		double maxNorm = 0;
		for (double norm : norms) {
			minNorm = Math.min(minNorm, norm);
			maxNorm = Math.max(maxNorm, norm);
		}
		return new AngleStatistics(pairs, minDegrees, maxDegrees, Math.toDegrees(Math.PI / 2 + meanU),
				Math.toDegrees(Math.sqrt(variance)), quantiles(fine, pairs, minDegrees, maxDegrees),
				fraction(binning.pairsBelow(above, 91) - binning.pairsBelow(above, 89), pairs),
				fraction(binning.pairsBelow(above, 95) - binning.pairsBelow(above, 85), pairs), nearParallel, minNorm,
				maxNorm, binning.histogram(histogram, above, pairs), binning.histogram(zoom, above, pairs));
	}

	/**
	 * Walks the cells from cosine 1 (0°) down, interpolating linearly in cosine within
	 * the cell that holds a level.
	 */
	private static List<AngleStatistics.Quantile> quantiles(long[] fine, long pairs, double minDegrees,
			double maxDegrees) {
		List<AngleStatistics.Quantile> quantiles = new ArrayList<>();
		long before = 0;
		int cell = CosineBinning.CELLS - 1;
		for (double level : AngleStatistics.QUANTILE_LEVELS) {
			double target = level * pairs;
			while (cell > 0 && before + fine[cell] < target) {
				before += fine[cell];
				cell--;
			}
			double inside = (fine[cell] == 0) ? 0 : (target - before) / fine[cell];
			double cosine = CosineBinning.cellTop(cell) - inside * CosineBinning.CELL_WIDTH;
			double degrees = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosine))));
			quantiles.add(new AngleStatistics.Quantile(level, Math.max(minDegrees, Math.min(maxDegrees, degrees))));
		}
		return quantiles;
	}

	private static double fraction(long count, long pairs) {
		return (double) count / pairs;
	}

	/** One lane's counts; merged in lane order. */
	private static final class LaneCounts {

		final long[] fine = new long[CosineBinning.CELLS];

		final long[] perRank;

		final int[] cells;

		final ScanMoments moments = new ScanMoments();

		LaneCounts(int edges, int tileSize) {
			this.perRank = new long[edges + 1];
			this.cells = new int[tileSize];
		}

	}

}
