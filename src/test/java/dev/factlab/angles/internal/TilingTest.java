package dev.factlab.angles.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TilingTest {

	@Test
	void everyPairOfRowsIsInExactlyOneTileOnOrAboveTheDiagonal() {
		int n = 23;
		Tiling tiling = Tiling.of(n, 5, 2);
		int[][] covered = new int[n][n];
		for (List<Tiling.Tile> lane : tiling.lanes()) {
			for (Tiling.Tile tile : lane) {
				assertThat(tile.colBlock()).isGreaterThanOrEqualTo(tile.rowBlock());
				for (int i = tile.rowStart(); i < tile.rowStart() + tile.rows(); i++) {
					for (int j = tile.colStart(); j < tile.colStart() + tile.cols(); j++) {
						if (j > i || !tile.diagonal()) {
							covered[Math.min(i, j)][Math.max(i, j)]++;
						}
					}
				}
			}
		}
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				assertThat(covered[i][j]).as("pair (%d, %d)", i, j).isEqualTo(1);
			}
		}
		assertThat(tiling.blocks()).isEqualTo(5);
		assertThat(tiling.blockRows(4)).isEqualTo(3);
	}

	@Test
	void dealIsFixedAndBalanced() {
		Tiling tiling = Tiling.of(10_000, 512, 2);
		assertThat(Tiling.of(10_000, 512, 2)).isEqualTo(tiling);
		long[] work = new long[2];
		for (int lane = 0; lane < 2; lane++) {
			for (Tiling.Tile tile : tiling.lanes().get(lane)) {
				work[lane] += (long) tile.rows() * tile.cols() * (tile.diagonal() ? 2 : 3);
			}
		}
		assertThat(tiling.lanes().get(0).size() + tiling.lanes().get(1).size()).isEqualTo(20 * 21 / 2);
		assertThat(Math.abs(work[0] - work[1])).isLessThanOrEqualTo(3L * 512 * 512);
	}

}
