package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnSums} with the Java Vector API: four columns at a time, each stretch of
 * the output loaded once per four columns and each token's four coefficients broadcast
 * once per stretch; with two or more tokens, two tokens share each loaded weight vector.
 * The four columns' stretches (4 × 4 KB at the default stretch) stay in L1 while every
 * pair of tokens reads them. Loaded by name from {@link ColumnSums#choose()} only when
 * the {@code jdk.incubator.vector} module is present.
 */
final class VectorColumnSums implements ColumnSums {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	private static final ByteOrder ORDER = ByteOrder.nativeOrder();

	@Override
	public void add(ByteBuffer w, int m, int[] columns, int count, float[] c, int n, float[] y, int from, int to) {
		int vectorEnd = from + S.loopBound(to - from);
		int columnBytes = m * Float.BYTES;
		int j = 0;
		for (; j + 3 < count; j += 4) {
			int o0 = columns[j] * columnBytes;
			int o1 = columns[j + 1] * columnBytes;
			int o2 = columns[j + 2] * columnBytes;
			int o3 = columns[j + 3] * columnBytes;
			int t = 0;
			for (; t + 1 < n; t += 2) {
				fourByTwo(w, o0, o1, o2, o3, c, j, n, t, y, m, from, vectorEnd);
			}
			for (; t < n; t++) {
				fourByOne(w, o0, o1, o2, o3, c[j * n + t], c[(j + 1) * n + t], c[(j + 2) * n + t], c[(j + 3) * n + t],
						y, t * m, from, vectorEnd);
			}
			for (int i = vectorEnd; i < to; i++) {
				int at = i * Float.BYTES;
				float w0 = w.getFloat(o0 + at);
				float w1 = w.getFloat(o1 + at);
				float w2 = w.getFloat(o2 + at);
				float w3 = w.getFloat(o3 + at);
				for (t = 0; t < n; t++) {
					y[t * m + i] += c[j * n + t] * w0 + c[(j + 1) * n + t] * w1 + c[(j + 2) * n + t] * w2
							+ c[(j + 3) * n + t] * w3;
				}
			}
		}
		for (; j < count; j++) {
			int o = columns[j] * columnBytes;
			for (int t = 0; t < n; t++) {
				oneColumn(w, o, c[j * n + t], y, t * m, from, vectorEnd, to);
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
	 * Four columns (coefficients from {@code c[j…j+3]}) into tokens {@code t, t + 1},
	 * {@code [from, to)} in whole vectors.
	 */
	private static void fourByTwo(ByteBuffer w, int o0, int o1, int o2, int o3, float[] c, int j, int n, int t,
			float[] y, int m, int from, int to) {
		FloatVector k00 = FloatVector.broadcast(S, c[j * n + t]);
		FloatVector k10 = FloatVector.broadcast(S, c[(j + 1) * n + t]);
		FloatVector k20 = FloatVector.broadcast(S, c[(j + 2) * n + t]);
		FloatVector k30 = FloatVector.broadcast(S, c[(j + 3) * n + t]);
		FloatVector k01 = FloatVector.broadcast(S, c[j * n + t + 1]);
		FloatVector k11 = FloatVector.broadcast(S, c[(j + 1) * n + t + 1]);
		FloatVector k21 = FloatVector.broadcast(S, c[(j + 2) * n + t + 1]);
		FloatVector k31 = FloatVector.broadcast(S, c[(j + 3) * n + t + 1]);
		int y0 = t * m;
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

	/** One column into one token's output, {@code [from, to)}. */
	private static void oneColumn(ByteBuffer w, int o, float coefficient, float[] y, int yt, int from, int vectorEnd,
			int to) {
		FloatVector k = FloatVector.broadcast(S, coefficient);
		for (int i = from; i < vectorEnd; i += L) {
			FloatVector.fromByteBuffer(S, w, o + i * Float.BYTES, ORDER)
				.fma(k, FloatVector.fromArray(S, y, yt + i))
				.intoArray(y, yt + i);
		}
		for (int i = vectorEnd; i < to; i++) {
			y[yt + i] += coefficient * w.getFloat(o + i * Float.BYTES);
		}
	}

	@Override
	public String name() {
		return "Vector API " + S.vectorBitSize() + "-bit";
	}

}
