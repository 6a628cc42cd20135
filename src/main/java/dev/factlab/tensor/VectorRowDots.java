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
 * Each (row, token) pair keeps one vector of partial sums (one per lane) over a stretch,
 * its lanes added into a float sum at the stretch's end; columns beyond the last whole
 * vector are added to that sum. The accumulators start at zero and end in
 * {@code reduceLanes}: C2 (JDK 17) did not always intrinsify a store of an accumulator
 * that had been loaded from an array before the loop, and then boxed the vectors, 5–10×
 * slower (seen in the service's JVM, not in the benchmark's).
 */
final class VectorRowDots implements RowDots {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	private static final ByteOrder ORDER = ByteOrder.nativeOrder();

	/**
	 * Floats of each of four rows dotted at a time when the tokens come in several
	 * groups: 4 rows × 8 KB stay in L1 (48 KB here) while every group of tokens reads
	 * them. A single group (up to four tokens) reads each weight once and takes whole
	 * rows. Against 512 and 1,024 on GPT-3's shapes, 2,048 was 5–8% faster at 8 and 16
	 * tokens; whole rows were 1–5% faster than stretches at 1 and 4 tokens.
	 */
	static final int STRETCH = 2048;

	@Override
	public void products(ByteBuffer w, int rows, int k, float[] x, int n, float[] y, int yStride, int yFrom) {
		float[] sums = new float[4 * n];
		int stretch = n <= 4 ? k : STRETCH;
		int rowBytes = k * Float.BYTES;
		int quarter = rows / 4;
		for (int j = 0; j < quarter; j++) {
			Arrays.fill(sums, 0f);
			fourRows(w, j * rowBytes, quarter * rowBytes, k, stretch, x, n, sums);
			for (int r = 0; r < 4; r++) {
				for (int t = 0; t < n; t++) {
					y[t * yStride + yFrom + j + r * quarter] = sums[sum(r, n, t)];
				}
			}
		}
		for (int j = 4 * quarter; j < rows; j++) {
			for (int t = 0; t < n; t++) {
				y[t * yStride + yFrom + j] = oneRow(w, j * rowBytes, k, x, t * k);
			}
		}
	}

	private static int sum(int r, int n, int t) {
		return r * n + t;
	}

	/**
	 * @param base byte offset of the first of four rows
	 * @param apart bytes from one of the four rows to the next
	 * @param sums [4, n] partial sums. Modified.
	 */
	private static void fourRows(ByteBuffer w, int base, int apart, int k, int stretch, float[] x, int n,
			float[] sums) {
		for (int c = 0; c < k; c += stretch) {
			int end = Math.min(k, c + stretch);
			int vectorEnd = c + S.loopBound(end - c);
			int t = 0;
			for (; t + 3 < n; t += 4) {
				fourByFour(w, base, apart, c, vectorEnd, x, k, n, t, sums);
			}
			for (; t + 1 < n; t += 2) {
				fourByTwo(w, base, apart, c, vectorEnd, x, k, n, t, sums);
			}
			for (; t < n; t++) {
				fourByOne(w, base, apart, c, vectorEnd, x, k, n, t, sums);
			}
			for (int r = 0; r < 4; r++) {
				for (t = 0; t < n; t++) {
					float s = 0f;
					for (int i = vectorEnd; i < end; i++) {
						s += w.getFloat(base + r * apart + i * Float.BYTES) * x[t * k + i];
					}
					sums[sum(r, n, t)] += s;
				}
			}
		}
	}

	/** Four rows × token {@code t}, columns {@code [from, to)}. */
	private static void fourByOne(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] sums) {
		FloatVector a0 = FloatVector.zero(S);
		FloatVector a1 = FloatVector.zero(S);
		FloatVector a2 = FloatVector.zero(S);
		FloatVector a3 = FloatVector.zero(S);
		int xt = t * k;
		for (int i = from; i < to; i += L) {
			int o = base + i * Float.BYTES;
			FloatVector x0 = FloatVector.fromArray(S, x, xt + i);
			a0 = FloatVector.fromByteBuffer(S, w, o, ORDER).fma(x0, a0);
			a1 = FloatVector.fromByteBuffer(S, w, o + apart, ORDER).fma(x0, a1);
			a2 = FloatVector.fromByteBuffer(S, w, o + 2 * apart, ORDER).fma(x0, a2);
			a3 = FloatVector.fromByteBuffer(S, w, o + 3 * apart, ORDER).fma(x0, a3);
		}
		sums[sum(0, n, t)] += a0.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t)] += a1.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t)] += a2.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t)] += a3.reduceLanes(VectorOperators.ADD);
	}

	/** Four rows × tokens {@code t, t + 1}, columns {@code [from, to)}. */
	private static void fourByTwo(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] sums) {
		FloatVector a00 = FloatVector.zero(S);
		FloatVector a01 = FloatVector.zero(S);
		FloatVector a10 = FloatVector.zero(S);
		FloatVector a11 = FloatVector.zero(S);
		FloatVector a20 = FloatVector.zero(S);
		FloatVector a21 = FloatVector.zero(S);
		FloatVector a30 = FloatVector.zero(S);
		FloatVector a31 = FloatVector.zero(S);
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
		sums[sum(0, n, t)] += a00.reduceLanes(VectorOperators.ADD);
		sums[sum(0, n, t + 1)] += a01.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t)] += a10.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t + 1)] += a11.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t)] += a20.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t + 1)] += a21.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t)] += a30.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t + 1)] += a31.reduceLanes(VectorOperators.ADD);
	}

	/**
	 * Four rows × tokens {@code t … t + 3}, columns {@code [from, to)}: 16 accumulators.
	 */
	private static void fourByFour(ByteBuffer w, int base, int apart, int from, int to, float[] x, int k, int n, int t,
			float[] sums) {
		FloatVector a00 = FloatVector.zero(S);
		FloatVector a01 = FloatVector.zero(S);
		FloatVector a02 = FloatVector.zero(S);
		FloatVector a03 = FloatVector.zero(S);
		FloatVector a10 = FloatVector.zero(S);
		FloatVector a11 = FloatVector.zero(S);
		FloatVector a12 = FloatVector.zero(S);
		FloatVector a13 = FloatVector.zero(S);
		FloatVector a20 = FloatVector.zero(S);
		FloatVector a21 = FloatVector.zero(S);
		FloatVector a22 = FloatVector.zero(S);
		FloatVector a23 = FloatVector.zero(S);
		FloatVector a30 = FloatVector.zero(S);
		FloatVector a31 = FloatVector.zero(S);
		FloatVector a32 = FloatVector.zero(S);
		FloatVector a33 = FloatVector.zero(S);
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
		sums[sum(0, n, t)] += a00.reduceLanes(VectorOperators.ADD);
		sums[sum(0, n, t + 1)] += a01.reduceLanes(VectorOperators.ADD);
		sums[sum(0, n, t + 2)] += a02.reduceLanes(VectorOperators.ADD);
		sums[sum(0, n, t + 3)] += a03.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t)] += a10.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t + 1)] += a11.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t + 2)] += a12.reduceLanes(VectorOperators.ADD);
		sums[sum(1, n, t + 3)] += a13.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t)] += a20.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t + 1)] += a21.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t + 2)] += a22.reduceLanes(VectorOperators.ADD);
		sums[sum(2, n, t + 3)] += a23.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t)] += a30.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t + 1)] += a31.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t + 2)] += a32.reduceLanes(VectorOperators.ADD);
		sums[sum(3, n, t + 3)] += a33.reduceLanes(VectorOperators.ADD);
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
