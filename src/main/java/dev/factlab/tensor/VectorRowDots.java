package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the Java Vector API: each weight vector is loaded once and
 * multiplied into four tokens' accumulators, so the weights cost one load per four fused
 * multiply-adds. Loaded by name from {@link RowDots#choose()} only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorRowDots implements RowDots {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final ByteOrder ORDER = ByteOrder.nativeOrder();

	@Override
	public void accumulate(float[] w, int wFrom, int length, float[] x, int k, int xFrom, int n, float[] acc) {
		int bound = S.loopBound(length);
		int t = 0;
		for (; t + 3 < n; t += 4) {
			int x0 = t * k + xFrom;
			int x1 = x0 + k;
			int x2 = x1 + k;
			int x3 = x2 + k;
			FloatVector a0 = FloatVector.zero(S);
			FloatVector a1 = FloatVector.zero(S);
			FloatVector a2 = FloatVector.zero(S);
			FloatVector a3 = FloatVector.zero(S);
			for (int i = 0; i < bound; i += S.length()) {
				FloatVector wv = FloatVector.fromArray(S, w, wFrom + i);
				a0 = wv.fma(FloatVector.fromArray(S, x, x0 + i), a0);
				a1 = wv.fma(FloatVector.fromArray(S, x, x1 + i), a1);
				a2 = wv.fma(FloatVector.fromArray(S, x, x2 + i), a2);
				a3 = wv.fma(FloatVector.fromArray(S, x, x3 + i), a3);
			}
			float s0 = a0.reduceLanes(VectorOperators.ADD);
			float s1 = a1.reduceLanes(VectorOperators.ADD);
			float s2 = a2.reduceLanes(VectorOperators.ADD);
			float s3 = a3.reduceLanes(VectorOperators.ADD);
			for (int i = bound; i < length; i++) {
				float wi = w[wFrom + i];
				s0 += wi * x[x0 + i];
				s1 += wi * x[x1 + i];
				s2 += wi * x[x2 + i];
				s3 += wi * x[x3 + i];
			}
			acc[t] += s0;
			acc[t + 1] += s1;
			acc[t + 2] += s2;
			acc[t + 3] += s3;
		}
		for (; t < n; t++) {
			int xt = t * k + xFrom;
			FloatVector a0 = FloatVector.zero(S);
			FloatVector a1 = FloatVector.zero(S);
			int i = 0;
			int pairBound = length - 2 * S.length() + 1;
			for (; i < pairBound; i += 2 * S.length()) {
				a0 = FloatVector.fromArray(S, w, wFrom + i).fma(FloatVector.fromArray(S, x, xt + i), a0);
				a1 = FloatVector.fromArray(S, w, wFrom + i + S.length())
					.fma(FloatVector.fromArray(S, x, xt + i + S.length()), a1);
			}
			for (; i < bound; i += S.length()) {
				a0 = FloatVector.fromArray(S, w, wFrom + i).fma(FloatVector.fromArray(S, x, xt + i), a0);
			}
			float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
			for (; i < length; i++) {
				s += w[wFrom + i] * x[xt + i];
			}
			acc[t] += s;
		}
	}

	/**
	 * The same arithmetic in the same order as the array version (so the same sums, bit
	 * for bit), with the weights loaded straight from off-heap memory: the stretch goes
	 * from memory into registers once, not through a copy in L1.
	 */
	@Override
	public void accumulate(ByteBuffer w, int wByteFrom, int length, float[] x, int k, int xFrom, int n, float[] acc,
			float[] scratch) {
		int bound = S.loopBound(length);
		int t = 0;
		for (; t + 3 < n; t += 4) {
			int x0 = t * k + xFrom;
			int x1 = x0 + k;
			int x2 = x1 + k;
			int x3 = x2 + k;
			FloatVector a0 = FloatVector.zero(S);
			FloatVector a1 = FloatVector.zero(S);
			FloatVector a2 = FloatVector.zero(S);
			FloatVector a3 = FloatVector.zero(S);
			for (int i = 0; i < bound; i += S.length()) {
				FloatVector wv = FloatVector.fromByteBuffer(S, w, wByteFrom + 4 * i, ORDER);
				a0 = wv.fma(FloatVector.fromArray(S, x, x0 + i), a0);
				a1 = wv.fma(FloatVector.fromArray(S, x, x1 + i), a1);
				a2 = wv.fma(FloatVector.fromArray(S, x, x2 + i), a2);
				a3 = wv.fma(FloatVector.fromArray(S, x, x3 + i), a3);
			}
			float s0 = a0.reduceLanes(VectorOperators.ADD);
			float s1 = a1.reduceLanes(VectorOperators.ADD);
			float s2 = a2.reduceLanes(VectorOperators.ADD);
			float s3 = a3.reduceLanes(VectorOperators.ADD);
			for (int i = bound; i < length; i++) {
				float wi = w.getFloat(wByteFrom + 4 * i);
				s0 += wi * x[x0 + i];
				s1 += wi * x[x1 + i];
				s2 += wi * x[x2 + i];
				s3 += wi * x[x3 + i];
			}
			acc[t] += s0;
			acc[t + 1] += s1;
			acc[t + 2] += s2;
			acc[t + 3] += s3;
		}
		for (; t < n; t++) {
			int xt = t * k + xFrom;
			FloatVector a0 = FloatVector.zero(S);
			FloatVector a1 = FloatVector.zero(S);
			int i = 0;
			int pairBound = length - 2 * S.length() + 1;
			for (; i < pairBound; i += 2 * S.length()) {
				a0 = FloatVector.fromByteBuffer(S, w, wByteFrom + 4 * i, ORDER)
					.fma(FloatVector.fromArray(S, x, xt + i), a0);
				a1 = FloatVector.fromByteBuffer(S, w, wByteFrom + 4 * (i + S.length()), ORDER)
					.fma(FloatVector.fromArray(S, x, xt + i + S.length()), a1);
			}
			for (; i < bound; i += S.length()) {
				a0 = FloatVector.fromByteBuffer(S, w, wByteFrom + 4 * i, ORDER)
					.fma(FloatVector.fromArray(S, x, xt + i), a0);
			}
			float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
			for (; i < length; i++) {
				s += w.getFloat(wByteFrom + 4 * i) * x[xt + i];
			}
			acc[t] += s;
		}
	}

	@Override
	public String name() {
		return "Vector API " + S.vectorBitSize() + "-bit";
	}

}
