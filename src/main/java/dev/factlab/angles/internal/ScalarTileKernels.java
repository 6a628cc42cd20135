package dev.factlab.angles.internal;

import java.nio.ByteBuffer;

/**
 * {@link TileKernels} in plain Java: about 8× slower than the Vector API, used when its
 * module is absent. Its range methods also finish the rows that {@link VectorTileKernels}
 * leaves over.
 */
final class ScalarTileKernels implements TileKernels {

	@Override
	public String name() {
		return "scalar";
	}

	@Override
	public double hingeInPlace(ByteBuffer tile, int rows, int cols, float cutoff) {
		double total = 0;
		for (int r = 0; r < rows; r++) {
			total += hingeRange(tile, r * cols, (r + 1) * cols, cutoff);
		}
		return total;
	}

	/** {@link #hingeInPlace} over elements [from, to); returns their float sum. */
	static float hingeRange(ByteBuffer tile, int from, int to, float cutoff) {
		float sum = 0;
		for (int i = from; i < to; i++) {
			float x = tile.getFloat(i << 2);
			float h = Math.abs(x) - cutoff;
			if (h > 0) {
				sum += h;
				tile.putFloat(i << 2, (x > 0) ? 1f : -1f);
			}
			else {
				tile.putFloat(i << 2, 0f);
			}
		}
		return sum;
	}

	@Override
	public double powerInPlace(ByteBuffer tile, int rows, int cols, float scale, int factors, float floor,
			float[] maxAbs) {
		double total = 0;
		for (int r = 0; r < rows; r++) {
			total += powerRange(tile, r * cols, (r + 1) * cols, scale, factors, floor, maxAbs);
		}
		return total;
	}

	/** {@link #powerInPlace} over elements [from, to); returns their float sum. */
	static float powerRange(ByteBuffer tile, int from, int to, float scale, int factors, float floor, float[] maxAbs) {
		float sum = 0;
		float max = maxAbs[0];
		for (int i = from; i < to; i++) {
			float x = tile.getFloat(i << 2) * scale;
			float a = Math.abs(x);
			max = Math.max(max, a);
			float s = 0;
			if (a >= floor) {
				s = x * evenPower(x * x, factors);
				sum += s * x;
			}
			tile.putFloat(i << 2, s);
		}
		maxAbs[0] = max;
		return sum;
	}

	/**
	 * y<sup>2^factors − 1</sup> = y·y²·y⁴·…, the product of the first {@code factors}
	 * repeated squares of y.
	 */
	static float evenPower(float y, int factors) {
		float product = 1;
		float square = y;
		for (int k = 0; k < factors; k++) {
			product *= square;
			square *= square;
		}
		return product;
	}

	@Override
	public void scanSegment(ByteBuffer tile, int offset, int length, int[] cells, ScanMoments moments) {
		scanRange(tile, offset, length, cells, 0, moments);
	}

	/** {@link #scanSegment} writing cells from {@code cells[cellsFrom]} on. */
	static void scanRange(ByteBuffer tile, int offset, int length, int[] cells, int cellsFrom, ScanMoments moments) {
		float min = moments.minCosine;
		float max = moments.maxCosine;
		float sumU = 0;
		float sumU2 = 0;
		for (int k = 0; k < length; k++) {
			float c = Math.max(-1f, Math.min(1f, tile.getFloat((offset + k) << 2)));
			min = Math.min(min, c);
			max = Math.max(max, c);
			cells[cellsFrom + k] = CosineBinning.cell(c);
			float u = centredAngle(c);
			sumU += u;
			sumU2 += u * u;
		}
		moments.minCosine = min;
		moments.maxCosine = max;
		moments.sumU += sumU;
		moments.sumU2 += sumU2;
	}

	/** acos(c) − π/2 by {@link TileKernels#ACOS}. */
	static float centredAngle(float c) {
		float a = Math.abs(c);
		float p = ACOS[7];
		for (int k = 6; k >= 0; k--) {
			p = p * a + ACOS[k];
		}
		float w = HALF_PI - (float) Math.sqrt(1f - a) * p;
		return (c >= 0) ? -w : w;
	}

}
