package dev.factlab.angles.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.function.BooleanSupplier;

import dev.factlab.tensor.RowBlocks;
import dev.factlab.angles.internal.Tiling.Tile;
import dev.factlab.tensor.TileBuffer;

/**
 * The worst-pair loss: the ℓ<sub>q</sub> norm of the cosines, L = (Σ<sub>i&lt;j</sub>
 * cos<sub>ij</sub><sup>q</sup>)<sup>1/q</sup> with q a power of two, so L ≥ max |cos| and
 * L → max |cos| as q grows. It is a function of the directions alone: rows are kept on
 * the unit sphere (normalised before the first evaluation and after every step), where
 * cos = g = v<sub>i</sub>·v<sub>j</sub>, and its gradient is the tangent part of dL/dg·V,
 * g<sub>i</sub> − (g<sub>i</sub>·v<sub>i</sub>) v<sub>i</sub>. Without that projection
 * Adam, which rescales every coordinate, spends its steps shrinking rows that the
 * normalisation then undoes, and the loss rises.
 * <p>
 * Powers of cosines near 0.1 underflow float32, so each step measures in units of τ, the
 * largest |g| of the previous step: x = g/τ, Q = Σ x<sup>q</sup>, L = τ·Q<sup>1/q</sup>,
 * and dL/dV = Q<sup>1/q − 1</sup>·X<sup>q−1</sup>·V where X<sup>q−1</sup> is the
 * elementwise power with a zero diagonal (each pair's two entries share one term of the
 * sum). Terms with |x| below 2<sup>−100/q</sup> are flushed to zero: each weighs less
 * than 2<sup>−100</sup> of the largest. If the largest |g| grew so much that Q overflows,
 * the step is redone with the new τ.
 */
final class SmoothMaxCosineLoss implements TiledLoss {

	private final GramTiles tiles;

	private final TileKernels kernels;

	private final int exponent;

	private final int factors;

	private final float floor;

	private final RowBlocks[] gradients;

	private double scale = 1;

	private float gradientScale = 1;

	SmoothMaxCosineLoss(GramTiles tiles, TileKernels kernels, int dimensions, int exponent) {
		if (exponent < 2 || Integer.bitCount(exponent) != 1) {
			throw new IllegalArgumentException("exponent must be a power of two >= 2 but was " + exponent);
		}
		this.tiles = tiles;
		this.kernels = kernels;
		this.exponent = exponent;
		this.factors = Integer.numberOfTrailingZeros(exponent) - 1;
		this.floor = (float) Math.pow(2, -100.0 / exponent);
		this.gradients = new RowBlocks[tiles.lanes()];
		for (int lane = 0; lane < gradients.length; lane++) {
			gradients[lane] = tiles.rowBlocks(dimensions);
		}
	}

	@Override
	public double evaluate(RowBlocks v, BooleanSupplier cancel) {
		for (int attempt = 0;; attempt++) {
			double[] laneSums = new double[tiles.lanes()];
			float[][] laneMax = new float[tiles.lanes()][1];
			float inverse = (float) (1 / scale);
			tiles.forEachTile(v,
					(lane, tile, gram,
							bytes) -> laneSums[lane] += tile(lane, tile, gram, bytes, v, inverse, laneMax[lane]),
					cancel);
			double sum = 0;
			float largest = 0;
			for (int lane = 0; lane < laneSums.length; lane++) {
				sum += laneSums[lane];
				largest = Math.max(largest, laneMax[lane][0]);
			}
			double previous = scale;
			if (largest > 0) {
				scale *= largest;
			}
			if (sum == 0) {
				gradientScale = 0;
				return 0;
			}
			if (Double.isFinite(sum) || attempt > 0) {
				gradientScale = (float) Math.pow(sum, 1.0 / exponent - 1);
				for (RowBlocks gradient : gradients) {
					projectOntoTangentsInPlace(gradient, v);
				}
				return previous * Math.pow(sum, 1.0 / exponent);
			}
			for (RowBlocks gradient : gradients) {
				gradient.zero();
			}
		}
	}

	private double tile(int lane, Tile tile, TileBuffer s, ByteBuffer bytes, RowBlocks v, float inverse,
			float[] maxAbs) {
		RowBlocks gradient = gradients[lane];
		if (!tile.diagonal()) {
			double sum = kernels.powerInPlace(bytes, tile.rows(), tile.cols(), inverse, factors, floor, maxAbs);
			s.multiplyAdd(false, v, tile.colBlock(), 1.0, gradient, tile.rowBlock());
			s.multiplyAdd(true, v, tile.rowBlock(), 1.0, gradient, tile.colBlock());
			return sum;
		}
		int n = tile.rows();
		for (int r = 0; r < n; r++) {
			bytes.putFloat((r * n + r) << 2, 0f);
		}
		double sum = kernels.powerInPlace(bytes, n, n, inverse, factors, floor, maxAbs);
		s.multiplyAdd(false, v, tile.rowBlock(), 1.0, gradient, tile.rowBlock());
		return sum / 2;
	}

	@Override
	public float gradientScale() {
		return gradientScale;
	}

	@Override
	public RowBlocks[] laneGradients() {
		return gradients;
	}

	@Override
	public void constrainInPlace(RowBlocks v) {
		v.normaliseRowsInPlace();
	}

	/**
	 * g<sub>i</sub> ← g<sub>i</sub> − (g<sub>i</sub>·v<sub>i</sub>) v<sub>i</sub> for
	 * every row: linear, so projecting each lane's part is projecting their sum.
	 * @param gradient [N, D]. Modified.
	 * @param v [N, D] with unit rows. Not modified.
	 */
	private static void projectOntoTangentsInPlace(RowBlocks gradient, RowBlocks v) {
		int d = v.cols();
		FloatBuffer g = gradient.values();
		FloatBuffer values = v.values();
		for (int r = 0; r < v.rows(); r++) {
			int base = r * d;
			double dot = 0;
			for (int k = 0; k < d; k++) {
				dot += (double) g.get(base + k) * values.get(base + k);
			}
			float along = (float) dot;
			for (int k = 0; k < d; k++) {
				g.put(base + k, g.get(base + k) - along * values.get(base + k));
			}
		}
	}

}
