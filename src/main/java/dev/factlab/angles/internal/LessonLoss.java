package dev.factlab.angles.internal;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import dev.factlab.tensor.RowBlocks;
import dev.factlab.angles.internal.Tiling.Tile;
import dev.factlab.tensor.TileBuffer;

/**
 * The lesson's loss, {@code sum(relu(|V Vᵀ − I| − cutoff)) + N · sum(diag(V Vᵀ − I)²)}
 * over all N² entries, with gradient 2·S·V where S = dloss/d(V Vᵀ) = sign(G − I)·[|G − I|
 * > cutoff] + 2N·diag(G − I).
 * <p>
 * Per tile (I, J ≥ I): one GEMM for G, one fused pass turning it into S in place, then
 * S·V_J into the rows of I and, off the diagonal, Sᵀ·V_I into the rows of J (the factor 2
 * is GEMM's alpha, the accumulation its beta); an off-diagonal tile stands for both (I,
 * J) and (J, I), so its loss counts twice.
 */
final class LessonLoss implements TiledLoss {

	private final GramTiles tiles;

	private final TileKernels kernels;

	private final float cutoff;

	private final RowBlocks[] gradients;

	/** Per lane: the diagonal of G − I of the current diagonal tile. */
	private final float[][] diagonals;

	LessonLoss(GramTiles tiles, TileKernels kernels, int dimensions, double cutoff) {
		this.tiles = tiles;
		this.kernels = kernels;
		this.cutoff = (float) cutoff;
		this.gradients = new RowBlocks[tiles.lanes()];
		this.diagonals = new float[tiles.lanes()][tiles.tiling().tileSize()];
		for (int lane = 0; lane < gradients.length; lane++) {
			gradients[lane] = tiles.rowBlocks(dimensions);
		}
	}

	@Override
	public double evaluate(RowBlocks v, BooleanSupplier cancel) {
		double[] laneLoss = new double[tiles.lanes()];
		tiles.forEachTile(v, (lane, tile, gram, bytes) -> laneLoss[lane] += tile(lane, tile, gram, bytes, v), cancel);
		double loss = 0;
		for (double part : laneLoss) {
			loss += part;
		}
		return loss;
	}

	private double tile(int lane, Tile tile, TileBuffer s, ByteBuffer bytes, RowBlocks v) {
		RowBlocks gradient = gradients[lane];
		if (!tile.diagonal()) {
			double loss = 2 * kernels.hingeInPlace(bytes, tile.rows(), tile.cols(), cutoff);
			s.multiplyAdd(false, v, tile.colBlock(), 2.0, gradient, tile.rowBlock());
			s.multiplyAdd(true, v, tile.rowBlock(), 2.0, gradient, tile.colBlock());
			return loss;
		}
		float[] diagonal = diagonals[lane];
		int n = tile.rows();
		for (int r = 0; r < n; r++) {
			int at = (r * n + r) << 2;
			diagonal[r] = bytes.getFloat(at) - 1f;
			bytes.putFloat(at, diagonal[r]);
		}
		double loss = kernels.hingeInPlace(bytes, n, n, cutoff);
		float twoN = 2f * tiles.tiling().vectors();
		double squares = 0;
		for (int r = 0; r < n; r++) {
			int at = (r * n + r) << 2;
			bytes.putFloat(at, bytes.getFloat(at) + twoN * diagonal[r]);
			squares += (double) diagonal[r] * diagonal[r];
		}
		s.multiplyAdd(false, v, tile.rowBlock(), 2.0, gradient, tile.rowBlock());
		return loss + (double) tiles.tiling().vectors() * squares;
	}

	@Override
	public float gradientScale() {
		return 1f;
	}

	@Override
	public RowBlocks[] laneGradients() {
		return gradients;
	}

	/**
	 * The lesson normalises once, before the first step (the run does), and never again.
	 */
	@Override
	public void constrainInPlace(RowBlocks v) {
	}

}
