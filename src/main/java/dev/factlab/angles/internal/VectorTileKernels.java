package dev.factlab.angles.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernels} with the Java Vector API, at the platform's preferred width (16
 * floats with AVX-512). Only loaded, by name, when the {@code jdk.incubator.vector}
 * module is present; row tails go to {@link ScalarTileKernels}.
 */
final class VectorTileKernels implements TileKernels {

	private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

	@Override
	public String name() {
		return "Vector API " + FLOATS.vectorBitSize() + "-bit";
	}

	@Override
	public double hingeInPlace(ByteBuffer tile, int rows, int cols, float cutoff) {
		int lanes = FLOATS.length();
		int bound = FLOATS.loopBound(cols);
		FloatVector zero = FloatVector.zero(FLOATS);
		FloatVector one = FloatVector.broadcast(FLOATS, 1f);
		FloatVector minusOne = FloatVector.broadcast(FLOATS, -1f);
		double total = 0;
		for (int r = 0; r < rows; r++) {
			int base = r * cols;
			FloatVector rowSum = zero;
			for (int c = 0; c < bound; c += lanes) {
				int at = (base + c) << 2;
				FloatVector x = FloatVector.fromByteBuffer(FLOATS, tile, at, ORDER);
				FloatVector h = x.abs().sub(cutoff);
				rowSum = rowSum.add(h.max(0f));
				FloatVector sign = minusOne.blend(one, x.compare(VectorOperators.GT, 0f));
				zero.blend(sign, h.compare(VectorOperators.GT, 0f)).intoByteBuffer(tile, at, ORDER);
			}
			total += rowSum.reduceLanes(VectorOperators.ADD)
					+ ScalarTileKernels.hingeRange(tile, base + bound, base + cols, cutoff);
		}
		return total;
	}

	@Override
	public double powerInPlace(ByteBuffer tile, int rows, int cols, float scale, int factors, float floor,
			float[] maxAbs) {
		int lanes = FLOATS.length();
		int bound = FLOATS.loopBound(cols);
		FloatVector zero = FloatVector.zero(FLOATS);
		FloatVector one = FloatVector.broadcast(FLOATS, 1f);
		FloatVector max = FloatVector.broadcast(FLOATS, maxAbs[0]);
		double total = 0;
		for (int r = 0; r < rows; r++) {
			int base = r * cols;
			FloatVector rowSum = zero;
			for (int c = 0; c < bound; c += lanes) {
				int at = (base + c) << 2;
				FloatVector x = FloatVector.fromByteBuffer(FLOATS, tile, at, ORDER).mul(scale);
				FloatVector a = x.abs();
				max = max.max(a);
				FloatVector square = x.mul(x);
				FloatVector product = one;
				for (int k = 0; k < factors; k++) {
					product = product.mul(square);
					square = square.mul(square);
				}
				FloatVector s = zero.blend(x.mul(product), a.compare(VectorOperators.GE, floor));
				rowSum = s.fma(x, rowSum);
				s.intoByteBuffer(tile, at, ORDER);
			}
			total += rowSum.reduceLanes(VectorOperators.ADD)
					+ ScalarTileKernels.powerRange(tile, base + bound, base + cols, scale, factors, floor, maxAbs);
		}
		maxAbs[0] = Math.max(maxAbs[0], max.reduceLanes(VectorOperators.MAX));
		return total;
	}

	@Override
	public void scanSegment(ByteBuffer tile, int offset, int length, int[] cells, ScanMoments moments) {
		int lanes = FLOATS.length();
		int bound = FLOATS.loopBound(length);
		FloatVector min = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
		FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
		FloatVector sumU = FloatVector.zero(FLOATS);
		FloatVector sumU2 = FloatVector.zero(FLOATS);
		FloatVector halfPi = FloatVector.broadcast(FLOATS, HALF_PI);
		for (int k = 0; k < bound; k += lanes) {
			FloatVector c = FloatVector.fromByteBuffer(FLOATS, tile, (offset + k) << 2, ORDER).max(-1f).min(1f);
			min = min.min(c);
			max = max.max(c);
			c.mul(CosineBinning.HALF_CELLS)
				.add(CosineBinning.HALF_CELLS - 0.5f)
				.add(CosineBinning.ROUNDING)
				.reinterpretAsInts()
				.sub(CosineBinning.ROUNDING_BITS)
				.min(CosineBinning.CELLS - 1)
				.intoArray(cells, k);
			FloatVector a = c.abs();
			FloatVector p = FloatVector.broadcast(FLOATS, ACOS[7]);
			for (int i = 6; i >= 0; i--) {
				p = p.fma(a, FloatVector.broadcast(FLOATS, ACOS[i]));
			}
			FloatVector w = halfPi.sub(a.neg().add(1f).sqrt().mul(p));
			VectorMask<Float> nonNegative = c.compare(VectorOperators.GE, 0f);
			FloatVector u = w.blend(w.neg(), nonNegative);
			sumU = sumU.add(u);
			sumU2 = u.fma(u, sumU2);
		}
		moments.minCosine = Math.min(moments.minCosine, min.reduceLanes(VectorOperators.MIN));
		moments.maxCosine = Math.max(moments.maxCosine, max.reduceLanes(VectorOperators.MAX));
		moments.sumU += sumU.reduceLanes(VectorOperators.ADD);
		moments.sumU2 += sumU2.reduceLanes(VectorOperators.ADD);
		ScalarTileKernels.scanRange(tile, offset + bound, length - bound, cells, bound, moments);
	}

}
