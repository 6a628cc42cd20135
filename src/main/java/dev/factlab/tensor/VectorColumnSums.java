package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnSums} with the Java Vector API: four columns at a time, a quarter of the
 * run apart (columns j, j + q, j + 2q, j + 3q of a run of 4q: four read streams far apart
 * in memory, as {@link VectorRowDots} reads rows), each vector of the output loaded once
 * per four columns, each token's four coefficients broadcast once per stretch, and one,
 * two or four tokens sharing each loaded weight vector. With more than four tokens the
 * columns go in stretches whose four pieces stay in L1 while every group of tokens reads
 * them. Loaded by name from {@link ColumnSums#choose()} only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorColumnSums implements ColumnSums {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	private static final ByteOrder ORDER = ByteOrder.nativeOrder();

	@Override
	public void add(ByteBuffer w, int m, int[] columns, int first, int count, float[] c, int n, float[] y,
			int stretch) {
		int quarter = count / 4;
		for (int j = first; j < first + quarter; j++) {
			for (int from = 0; from < m; from += stretch) {
				fourColumns(w, m, columns, j, quarter, c, n, y, from, Math.min(m, from + stretch));
			}
		}
		int vectorEnd = S.loopBound(m);
		int columnBytes = m * Float.BYTES;
		for (int j = first + 4 * quarter; j < first + count; j++) {
			int o = columns[j] * columnBytes;
			for (int t = 0; t < n; t++) {
				oneColumn(w, o, c[j * n + t], y, t * m, vectorEnd, m);
			}
		}
	}

	/**
	 * Columns {@code j, j + quarter, j + 2·quarter, j + 3·quarter} of the list into every
	 * token's outputs {@code [from, to)}.
	 */
	private static void fourColumns(ByteBuffer w, int m, int[] columns, int j, int quarter, float[] c, int n, float[] y,
			int from, int to) {
		int columnBytes = m * Float.BYTES;
		int j1 = j + quarter;
		int j2 = j1 + quarter;
		int j3 = j2 + quarter;
		int o0 = columns[j] * columnBytes;
		int o1 = columns[j1] * columnBytes;
		int o2 = columns[j2] * columnBytes;
		int o3 = columns[j3] * columnBytes;
		int vectorEnd = from + S.loopBound(to - from);
		int t = 0;
		for (; t + 3 < n; t += 4) {
			fourByFour(w, o0, o1, o2, o3, c, j * n + t, j1 * n + t, j2 * n + t, j3 * n + t, y, t * m, m, from,
					vectorEnd);
		}
		for (; t + 1 < n; t += 2) {
			fourByTwo(w, o0, o1, o2, o3, c, j * n + t, j1 * n + t, j2 * n + t, j3 * n + t, y, t * m, m, from,
					vectorEnd);
		}
		for (; t < n; t++) {
			fourByOne(w, o0, o1, o2, o3, c[j * n + t], c[j1 * n + t], c[j2 * n + t], c[j3 * n + t], y, t * m, from,
					vectorEnd);
		}
		for (int i = vectorEnd; i < to; i++) {
			int at = i * Float.BYTES;
			float w0 = w.getFloat(o0 + at);
			float w1 = w.getFloat(o1 + at);
			float w2 = w.getFloat(o2 + at);
			float w3 = w.getFloat(o3 + at);
			for (t = 0; t < n; t++) {
				y[t * m + i] += c[j * n + t] * w0 + c[j1 * n + t] * w1 + c[j2 * n + t] * w2 + c[j3 * n + t] * w3;
			}
		}
	}

	/** Four columns into one token's output, {@code [from, to)} in whole vectors. */
	private static void fourByOne(ByteBuffer w, int o0, int o1, int o2, int o3, float c0, float c1, float c2, float c3,
			float[] y, int yt, int from, int to) {
		FloatVector k0 = FloatVector.broadcast(S, c0);
		FloatVector k1 = FloatVector.broadcast(S, c1);
		FloatVector k2 = FloatVector.broadcast(S, c2);
		FloatVector k3 = FloatVector.broadcast(S, c3);
		for (int i = from; i < to; i += L) {
			int at = i * Float.BYTES;
			FloatVector a = FloatVector.fromArray(S, y, yt + i);
			a = FloatVector.fromByteBuffer(S, w, o0 + at, ORDER).fma(k0, a);
			a = FloatVector.fromByteBuffer(S, w, o1 + at, ORDER).fma(k1, a);
			a = FloatVector.fromByteBuffer(S, w, o2 + at, ORDER).fma(k2, a);
			a = FloatVector.fromByteBuffer(S, w, o3 + at, ORDER).fma(k3, a);
			a.intoArray(y, yt + i);
		}
	}

	/**
	 * Four columns into tokens {@code t, t + 1} (outputs from {@code y0} on, {@code m}
	 * apart), {@code [from, to)} in whole vectors.
	 * @param c0 where column 0's coefficient for token {@code t} lies in {@code c} (token
	 * {@code t + 1}'s follows it); likewise {@code c1 … c3}
	 */
	private static void fourByTwo(ByteBuffer w, int o0, int o1, int o2, int o3, float[] c, int c0, int c1, int c2,
			int c3, float[] y, int y0, int m, int from, int to) {
		FloatVector k00 = FloatVector.broadcast(S, c[c0]);
		FloatVector k10 = FloatVector.broadcast(S, c[c1]);
		FloatVector k20 = FloatVector.broadcast(S, c[c2]);
		FloatVector k30 = FloatVector.broadcast(S, c[c3]);
		FloatVector k01 = FloatVector.broadcast(S, c[c0 + 1]);
		FloatVector k11 = FloatVector.broadcast(S, c[c1 + 1]);
		FloatVector k21 = FloatVector.broadcast(S, c[c2 + 1]);
		FloatVector k31 = FloatVector.broadcast(S, c[c3 + 1]);
		int y1 = y0 + m;
		for (int i = from; i < to; i += L) {
			int at = i * Float.BYTES;
			FloatVector a0 = FloatVector.fromArray(S, y, y0 + i);
			FloatVector a1 = FloatVector.fromArray(S, y, y1 + i);
			FloatVector w0 = FloatVector.fromByteBuffer(S, w, o0 + at, ORDER);
			a0 = w0.fma(k00, a0);
			a1 = w0.fma(k01, a1);
			FloatVector w1 = FloatVector.fromByteBuffer(S, w, o1 + at, ORDER);
			a0 = w1.fma(k10, a0);
			a1 = w1.fma(k11, a1);
			FloatVector w2 = FloatVector.fromByteBuffer(S, w, o2 + at, ORDER);
			a0 = w2.fma(k20, a0);
			a1 = w2.fma(k21, a1);
			FloatVector w3 = FloatVector.fromByteBuffer(S, w, o3 + at, ORDER);
			a0 = w3.fma(k30, a0);
			a1 = w3.fma(k31, a1);
			a0.intoArray(y, y0 + i);
			a1.intoArray(y, y1 + i);
		}
	}

	/**
	 * Four columns into tokens {@code t … t + 3}: as {@link #fourByTwo} with four tokens
	 * sharing each weight vector (16 coefficient registers, four accumulators).
	 */
	private static void fourByFour(ByteBuffer w, int o0, int o1, int o2, int o3, float[] c, int c0, int c1, int c2,
			int c3, float[] y, int y0, int m, int from, int to) {
		FloatVector k00 = FloatVector.broadcast(S, c[c0]);
		FloatVector k10 = FloatVector.broadcast(S, c[c1]);
		FloatVector k20 = FloatVector.broadcast(S, c[c2]);
		FloatVector k30 = FloatVector.broadcast(S, c[c3]);
		FloatVector k01 = FloatVector.broadcast(S, c[c0 + 1]);
		FloatVector k11 = FloatVector.broadcast(S, c[c1 + 1]);
		FloatVector k21 = FloatVector.broadcast(S, c[c2 + 1]);
		FloatVector k31 = FloatVector.broadcast(S, c[c3 + 1]);
		FloatVector k02 = FloatVector.broadcast(S, c[c0 + 2]);
		FloatVector k12 = FloatVector.broadcast(S, c[c1 + 2]);
		FloatVector k22 = FloatVector.broadcast(S, c[c2 + 2]);
		FloatVector k32 = FloatVector.broadcast(S, c[c3 + 2]);
		FloatVector k03 = FloatVector.broadcast(S, c[c0 + 3]);
		FloatVector k13 = FloatVector.broadcast(S, c[c1 + 3]);
		FloatVector k23 = FloatVector.broadcast(S, c[c2 + 3]);
		FloatVector k33 = FloatVector.broadcast(S, c[c3 + 3]);
		int y1 = y0 + m;
		int y2 = y1 + m;
		int y3 = y2 + m;
		for (int i = from; i < to; i += L) {
			int at = i * Float.BYTES;
			FloatVector a0 = FloatVector.fromArray(S, y, y0 + i);
			FloatVector a1 = FloatVector.fromArray(S, y, y1 + i);
			FloatVector a2 = FloatVector.fromArray(S, y, y2 + i);
			FloatVector a3 = FloatVector.fromArray(S, y, y3 + i);
			FloatVector w0 = FloatVector.fromByteBuffer(S, w, o0 + at, ORDER);
			a0 = w0.fma(k00, a0);
			a1 = w0.fma(k01, a1);
			a2 = w0.fma(k02, a2);
			a3 = w0.fma(k03, a3);
			FloatVector w1 = FloatVector.fromByteBuffer(S, w, o1 + at, ORDER);
			a0 = w1.fma(k10, a0);
			a1 = w1.fma(k11, a1);
			a2 = w1.fma(k12, a2);
			a3 = w1.fma(k13, a3);
			FloatVector w2 = FloatVector.fromByteBuffer(S, w, o2 + at, ORDER);
			a0 = w2.fma(k20, a0);
			a1 = w2.fma(k21, a1);
			a2 = w2.fma(k22, a2);
			a3 = w2.fma(k23, a3);
			FloatVector w3 = FloatVector.fromByteBuffer(S, w, o3 + at, ORDER);
			a0 = w3.fma(k30, a0);
			a1 = w3.fma(k31, a1);
			a2 = w3.fma(k32, a2);
			a3 = w3.fma(k33, a3);
			a0.intoArray(y, y0 + i);
			a1.intoArray(y, y1 + i);
			a2.intoArray(y, y2 + i);
			a3.intoArray(y, y3 + i);
		}
	}

	/** One column into one token's whole output. */
	private static void oneColumn(ByteBuffer w, int o, float coefficient, float[] y, int yt, int vectorEnd, int m) {
		FloatVector k = FloatVector.broadcast(S, coefficient);
		for (int i = 0; i < vectorEnd; i += L) {
			FloatVector.fromByteBuffer(S, w, o + i * Float.BYTES, ORDER)
				.fma(k, FloatVector.fromArray(S, y, yt + i))
				.intoArray(y, yt + i);
		}
		for (int i = vectorEnd; i < m; i++) {
			y[yt + i] += coefficient * w.getFloat(o + i * Float.BYTES);
		}
	}

	@Override
	public String name() {
		return "Vector API " + S.vectorBitSize() + "-bit";
	}

}
