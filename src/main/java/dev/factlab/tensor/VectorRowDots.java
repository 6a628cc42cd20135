package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the Java Vector API, register-blocked: four weight rows at a time
 * against one, two or four tokens at a time, so each weight vector loaded from memory
 * serves every token of the group and each token vector serves four rows. The four rows
 * are a quarter of the block apart (rows j, j + q, j + 2q, j + 3q of a block of 4q rows):
 * four read streams per core, far apart in memory. Measured on 1 GiB with one token
 * against both cores summing it with eight streams each (BENCHMARKS.md, issue 12): one
 * row at a time (the kernel's first version) took 2.0× that time, four adjacent rows
 * 1.35–1.4×, four rows a quarter of a block apart 1.1× (1.2× with blocks of 16 rows).
 * Loaded by name from {@link RowDots#choose()} only when the {@code jdk.incubator.vector}
 * module is present.
 * <p>
 * Each (row, token) pair keeps one vector of partial sums (one per lane) for the whole
 * row; the lanes are added once at the end, and columns beyond the last whole vector are
 * added to lane 0.
 */
final class VectorRowDots implements RowDots {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	private static final ByteOrder ORDER = ByteOrder.nativeOrder();

	/**
	 * Floats of each of four rows dotted at a time when the tokens come in several
	 * groups: 4 rows × 4 KB stay in L1 while every group of tokens reads them. A single
	 * group (up to four tokens) reads each weight once and takes whole rows.
	 */
	static final int STRETCH = 1024;

	@Override
	public void products(ByteBuffer w, int rows, int k, float[] x, int n, float[] y, int yStride, int yFrom) {
		float[] lanes = new float[4 * n * L];
		int stretch = n <= 4 ? k : STRETCH;
		int rowBytes = k * Float.BYTES;
		int quarter = rows / 4;
		for (int j = 0; j < quarter; j++) {
			Arrays.fill(lanes, 0f);
			fourRows(w, j * rowBytes, quarter * rowBytes, k, stretch, x, n, lanes);
			for (int r = 0; r < 4; r++) {
				for (int t = 0; t < n; t++) {
					y[t * yStride + yFrom + j + r * quarter] = FloatVector.fromArray(S, lanes, lane(r, n, t))
						.reduceLanes(VectorOperators.ADD);
				}
			}
		}
		for (int j = 4 * quarter; j < rows; j++) {
			for (int t = 0; t < n; t++) {
				y[t * yStride + yFrom + j] = oneRow(w, j * rowBytes, k, x, t * k);
			}
		}
	}

	private static int lane(int r, int n, int t) {
		return (r * n + t) * L;
	}

	/**
	 * @param base byte offset of the first of four rows
	 * @param apart bytes from one of the four rows to the next
	 * @param lanes [4, n, L] partial sums. Modified.
	 */
	private static void fourRows(ByteBuffer w, int base, int apart, int k, int stretch, float[] x, int n,
			float[] lanes) {
		for (int c = 0; c < k; c += stretch) {
			int end = Math.min(k, c + stretch);
			int vectorEnd = c + S.loopBound(end - c);
			int t = 0;
			for (; t + 3 < n; t += 4) {
				fourByFour(w, base, apart, c, vectorEnd, x, k, n, t, lanes);
			}
			for (; t + 1 < n; t += 2) {
				fourByTwo(w, base, apart, c, vectorEnd, x, k, n, t, lanes);
			}
			for (; t < n; t++) {
				fourByOne(w, base, apart, c, vectorEnd, x, k, n, t, lanes);
			}
			for (int r = 0; r < 4; r++) {
				for (t = 0; t < n; t++) {
					float s = 0f;
					for (int i = vectorEnd; i < end; i++) {
						s += w.getFloat(base + r * apart + i * Float.BYTES) * x[t * k + i];
					}
					lanes[lane(r, n, t)] += s;
				}
			}
		}
	}

	/** Four rows × token {@code t}, columns {@code [from, to)}. */
	private static void fourByOne(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] lanes) {
		int l0 = lane(0, n, t);
		int l1 = lane(1, n, t);
		int l2 = lane(2, n, t);
		int l3 = lane(3, n, t);
		FloatVector a0 = FloatVector.fromArray(S, lanes, l0);
		FloatVector a1 = FloatVector.fromArray(S, lanes, l1);
		FloatVector a2 = FloatVector.fromArray(S, lanes, l2);
		FloatVector a3 = FloatVector.fromArray(S, lanes, l3);
		int xt = t * k;
		for (int i = from; i < to; i += L) {
			int o = base + i * Float.BYTES;
			FloatVector x0 = FloatVector.fromArray(S, x, xt + i);
			a0 = FloatVector.fromByteBuffer(S, w, o, ORDER).fma(x0, a0);
			a1 = FloatVector.fromByteBuffer(S, w, o + apart, ORDER).fma(x0, a1);
			a2 = FloatVector.fromByteBuffer(S, w, o + 2 * apart, ORDER).fma(x0, a2);
			a3 = FloatVector.fromByteBuffer(S, w, o + 3 * apart, ORDER).fma(x0, a3);
		}
		a0.intoArray(lanes, l0);
		a1.intoArray(lanes, l1);
		a2.intoArray(lanes, l2);
		a3.intoArray(lanes, l3);
	}

	/** Four rows × tokens {@code t, t + 1}, columns {@code [from, to)}. */
	private static void fourByTwo(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] lanes) {
		FloatVector a00 = FloatVector.fromArray(S, lanes, lane(0, n, t));
		FloatVector a01 = FloatVector.fromArray(S, lanes, lane(0, n, t + 1));
		FloatVector a10 = FloatVector.fromArray(S, lanes, lane(1, n, t));
		FloatVector a11 = FloatVector.fromArray(S, lanes, lane(1, n, t + 1));
		FloatVector a20 = FloatVector.fromArray(S, lanes, lane(2, n, t));
		FloatVector a21 = FloatVector.fromArray(S, lanes, lane(2, n, t + 1));
		FloatVector a30 = FloatVector.fromArray(S, lanes, lane(3, n, t));
		FloatVector a31 = FloatVector.fromArray(S, lanes, lane(3, n, t + 1));
		int x0t = t * k;
		int x1t = x0t + k;
		for (int i = from; i < to; i += L) {
			int o = base + i * Float.BYTES;
			FloatVector x0 = FloatVector.fromArray(S, x, x0t + i);
			FloatVector x1 = FloatVector.fromArray(S, x, x1t + i);
			FloatVector w0 = FloatVector.fromByteBuffer(S, w, o, ORDER);
			FloatVector w1 = FloatVector.fromByteBuffer(S, w, o + apart, ORDER);
			FloatVector w2 = FloatVector.fromByteBuffer(S, w, o + 2 * apart, ORDER);
			FloatVector w3 = FloatVector.fromByteBuffer(S, w, o + 3 * apart, ORDER);
			a00 = w0.fma(x0, a00);
			a01 = w0.fma(x1, a01);
			a10 = w1.fma(x0, a10);
			a11 = w1.fma(x1, a11);
			a20 = w2.fma(x0, a20);
			a21 = w2.fma(x1, a21);
			a30 = w3.fma(x0, a30);
			a31 = w3.fma(x1, a31);
		}
		a00.intoArray(lanes, lane(0, n, t));
		a01.intoArray(lanes, lane(0, n, t + 1));
		a10.intoArray(lanes, lane(1, n, t));
		a11.intoArray(lanes, lane(1, n, t + 1));
		a20.intoArray(lanes, lane(2, n, t));
		a21.intoArray(lanes, lane(2, n, t + 1));
		a30.intoArray(lanes, lane(3, n, t));
		a31.intoArray(lanes, lane(3, n, t + 1));
	}

	/**
	 * Four rows × tokens {@code t … t + 3}, columns {@code [from, to)}: 16 accumulators.
	 */
	private static void fourByFour(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] lanes) {
		FloatVector a00 = FloatVector.fromArray(S, lanes, lane(0, n, t));
		FloatVector a01 = FloatVector.fromArray(S, lanes, lane(0, n, t + 1));
		FloatVector a02 = FloatVector.fromArray(S, lanes, lane(0, n, t + 2));
		FloatVector a03 = FloatVector.fromArray(S, lanes, lane(0, n, t + 3));
		FloatVector a10 = FloatVector.fromArray(S, lanes, lane(1, n, t));
		FloatVector a11 = FloatVector.fromArray(S, lanes, lane(1, n, t + 1));
		FloatVector a12 = FloatVector.fromArray(S, lanes, lane(1, n, t + 2));
		FloatVector a13 = FloatVector.fromArray(S, lanes, lane(1, n, t + 3));
		FloatVector a20 = FloatVector.fromArray(S, lanes, lane(2, n, t));
		FloatVector a21 = FloatVector.fromArray(S, lanes, lane(2, n, t + 1));
		FloatVector a22 = FloatVector.fromArray(S, lanes, lane(2, n, t + 2));
		FloatVector a23 = FloatVector.fromArray(S, lanes, lane(2, n, t + 3));
		FloatVector a30 = FloatVector.fromArray(S, lanes, lane(3, n, t));
		FloatVector a31 = FloatVector.fromArray(S, lanes, lane(3, n, t + 1));
		FloatVector a32 = FloatVector.fromArray(S, lanes, lane(3, n, t + 2));
		FloatVector a33 = FloatVector.fromArray(S, lanes, lane(3, n, t + 3));
		int x0t = t * k;
		int x1t = x0t + k;
		int x2t = x1t + k;
		int x3t = x2t + k;
		for (int i = from; i < to; i += L) {
			int o = base + i * Float.BYTES;
			FloatVector x0 = FloatVector.fromArray(S, x, x0t + i);
			FloatVector x1 = FloatVector.fromArray(S, x, x1t + i);
			FloatVector x2 = FloatVector.fromArray(S, x, x2t + i);
			FloatVector x3 = FloatVector.fromArray(S, x, x3t + i);
			FloatVector w0 = FloatVector.fromByteBuffer(S, w, o, ORDER);
			a00 = w0.fma(x0, a00);
			a01 = w0.fma(x1, a01);
			a02 = w0.fma(x2, a02);
			a03 = w0.fma(x3, a03);
			FloatVector w1 = FloatVector.fromByteBuffer(S, w, o + apart, ORDER);
			a10 = w1.fma(x0, a10);
			a11 = w1.fma(x1, a11);
			a12 = w1.fma(x2, a12);
			a13 = w1.fma(x3, a13);
			FloatVector w2 = FloatVector.fromByteBuffer(S, w, o + 2 * apart, ORDER);
			a20 = w2.fma(x0, a20);
			a21 = w2.fma(x1, a21);
			a22 = w2.fma(x2, a22);
			a23 = w2.fma(x3, a23);
			FloatVector w3 = FloatVector.fromByteBuffer(S, w, o + 3 * apart, ORDER);
			a30 = w3.fma(x0, a30);
			a31 = w3.fma(x1, a31);
			a32 = w3.fma(x2, a32);
			a33 = w3.fma(x3, a33);
		}
		a00.intoArray(lanes, lane(0, n, t));
		a01.intoArray(lanes, lane(0, n, t + 1));
		a02.intoArray(lanes, lane(0, n, t + 2));
		a03.intoArray(lanes, lane(0, n, t + 3));
		a10.intoArray(lanes, lane(1, n, t));
		a11.intoArray(lanes, lane(1, n, t + 1));
		a12.intoArray(lanes, lane(1, n, t + 2));
		a13.intoArray(lanes, lane(1, n, t + 3));
		a20.intoArray(lanes, lane(2, n, t));
		a21.intoArray(lanes, lane(2, n, t + 1));
		a22.intoArray(lanes, lane(2, n, t + 2));
		a23.intoArray(lanes, lane(2, n, t + 3));
		a30.intoArray(lanes, lane(3, n, t));
		a31.intoArray(lanes, lane(3, n, t + 1));
		a32.intoArray(lanes, lane(3, n, t + 2));
		a33.intoArray(lanes, lane(3, n, t + 3));
	}

	/** One row (the last of a block that is not a multiple of four) with one token. */
	private static float oneRow(ByteBuffer w, int base, int k, float[] x, int xt) {
		int vectorEnd = S.loopBound(k);
		FloatVector a0 = FloatVector.zero(S);
		for (int i = 0; i < vectorEnd; i += L) {
			a0 = FloatVector.fromByteBuffer(S, w, base + i * Float.BYTES, ORDER)
				.fma(FloatVector.fromArray(S, x, xt + i), a0);
		}
		float s = a0.reduceLanes(VectorOperators.ADD);
		for (int i = vectorEnd; i < k; i++) {
			s += w.getFloat(base + i * Float.BYTES) * x[xt + i];
		}
		return s;
	}

	@Override
	public String name() {
		return "Vector API " + S.vectorBitSize() + "-bit";
	}

}
