package dev.factlab.angles.internal;

import dev.factlab.tensor.VectorApi;

import java.nio.ByteBuffer;

/**
 * The fused elementwise passes over one Gram tile, each a single read (and write) of the
 * tile's buffer: a tile is [rows, cols] float32, row-major, little-endian, starting at
 * byte 0 of {@code tile}. Two implementations give the same elementwise results (sums may
 * differ in the last bits): {@link VectorTileKernels} with the Java Vector API, about 8×
 * faster, and {@link ScalarTileKernels} when the {@code jdk.incubator.vector} module is
 * absent.
 */
interface TileKernels {

	/**
	 * The lesson's hinge: each x becomes {@code sign(x)·[|x| − cutoff > 0]}, dloss/dx of
	 * {@code relu(|x| − cutoff)}.
	 * @param tile [rows, cols] of G − I. Modified.
	 * @return the sum of {@code relu(|x| − cutoff)} over the tile (per row in float,
	 * across rows in double)
	 */
	double hingeInPlace(ByteBuffer tile, int rows, int cols, float cutoff);

	/**
	 * The smooth maximum's power: with x = scale·g, each g becomes x<sup>q−1</sup> where
	 * q = 2<sup>factors+1</sup>, or 0 where |x| &lt; floor (flushed so the powers never
	 * turn subnormal).
	 * @param tile [rows, cols] of cosines. Modified.
	 * @param maxAbs [1]: raised to the largest |x| seen. Modified.
	 * @return the sum of x<sup>q</sup> over the tile (per row in float, across rows in
	 * double)
	 */
	double powerInPlace(ByteBuffer tile, int rows, int cols, float scale, int factors, float floor, float[] maxAbs);

	/**
	 * Scans cosines {@code [offset, offset + length)} (element indices) of a tile: clamps
	 * each to [−1, 1], writes its {@link CosineBinning#cell} into
	 * {@code cells[0, length)}, and adds it to {@code moments}.
	 * @param tile Not modified.
	 * @param cells [≥ length]. Modified.
	 * @param moments Modified.
	 */
	void scanSegment(ByteBuffer tile, int offset, int length, int[] cells, ScanMoments moments);

	/** e.g. "Vector API 512-bit" or "scalar". */
	String name();

	/**
	 * The Vector API kernels when the JVM was started with
	 * {@code --add-modules jdk.incubator.vector} and {@code preferVector} is true, the
	 * scalar ones otherwise.
	 */
	static TileKernels choose(boolean preferVector) {
		return preferVector ? VectorApi.choose(TileKernels.class,
				TileKernels.class.getPackageName() + ".VectorTileKernels", ScalarTileKernels::new)
				: new ScalarTileKernels();
	}

	/**
	 * Running sums of a scan, in angle space centred on 90°: u = θ − π/2, with θ from the
	 * polynomial acos ({@link #ACOS}).
	 */
	final class ScanMoments {

		float minCosine = Float.POSITIVE_INFINITY;

		float maxCosine = Float.NEGATIVE_INFINITY;

		double sumU;

		double sumU2;

		void add(ScanMoments other) {
			minCosine = Math.min(minCosine, other.minCosine);
			maxCosine = Math.max(maxCosine, other.maxCosine);
			sumU += other.sumU;
			sumU2 += other.sumU2;
		}

	}

	/**
	 * Abramowitz &amp; Stegun 4.4.45: acos(a) = sqrt(1 − a)·(a0 + a1·a + … +
	 * a7·a<sup>7</sup>) for 0 ≤ a ≤ 1, with |error| ≤ 2e-8 rad; for negative c, acos(c) =
	 * π − acos(−c).
	 */
	float[] ACOS = { 1.5707963050f, -0.2145988016f, 0.0889789874f, -0.0501743046f, 0.0308918810f, -0.0170881256f,
			0.0066700901f, -0.0012624911f };

	float HALF_PI = (float) (Math.PI / 2);

}
