package dev.factlab.angles.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The N × N Gram matrix cut into square blocks of {@code tileSize} rows, keeping only the
 * tiles on or above the diagonal (J ≥ I: the matrix is symmetric), dealt to {@code lanes}
 * workers. The deal depends only on N, the tile size and the lane count, so a run's
 * floating-point sums happen in the same order every time.
 *
 * @param vectors N
 * @param tileSize rows per block (the last block may be shorter)
 * @param lanes the tiles of each lane, in the order the lane visits them
 */
record Tiling(int vectors, int tileSize, List<List<Tile>> lanes) {

	/**
	 * One tile: rows [rowStart, rowStart + rows) against columns [colStart, colStart +
	 * cols).
	 *
	 * @param rowBlock I
	 * @param colBlock J ≥ I
	 */
	record Tile(int rowBlock, int colBlock, int rowStart, int rows, int colStart, int cols) {

		boolean diagonal() {
			return rowBlock == colBlock;
		}

	}

	Tiling {
		lanes = lanes.stream().map(List::copyOf).toList();
	}

	/**
	 * Deals the tiles greedily, each to the lane with the least work so far (ties to the
	 * lower lane), counting an off-diagonal tile's work as 3 GEMMs and a diagonal tile's
	 * as 2.
	 */
	static Tiling of(int vectors, int tileSize, int laneCount) {
		if (vectors < 1 || tileSize < 1 || laneCount < 1) {
			throw new IllegalArgumentException("vectors, tileSize and lanes must be positive but were %d, %d, %d"
				.formatted(vectors, tileSize, laneCount));
		}
		int blocks = blockCount(vectors, tileSize);
		List<List<Tile>> lanes = new ArrayList<>();
		long[] work = new long[laneCount];
		for (int lane = 0; lane < laneCount; lane++) {
			lanes.add(new ArrayList<>());
		}
		for (int i = 0; i < blocks; i++) {
			for (int j = i; j < blocks; j++) {
				Tile tile = new Tile(i, j, i * tileSize, blockRows(vectors, tileSize, i), j * tileSize,
						blockRows(vectors, tileSize, j));
				int lane = 0;
				for (int l = 1; l < laneCount; l++) {
					if (work[l] < work[lane]) {
						lane = l;
					}
				}
				work[lane] += (long) tile.rows() * tile.cols() * (tile.diagonal() ? 2 : 3);
				lanes.get(lane).add(tile);
			}
		}
		return new Tiling(vectors, tileSize, lanes);
	}

	int blocks() {
		return blockCount(vectors, tileSize);
	}

	int blockStart(int block) {
		return block * tileSize;
	}

	int blockRows(int block) {
		return blockRows(vectors, tileSize, block);
	}

	private static int blockCount(int vectors, int tileSize) {
		return (vectors + tileSize - 1) / tileSize;
	}

	private static int blockRows(int vectors, int tileSize, int block) {
		return Math.min(tileSize, vectors - block * tileSize);
	}

}
