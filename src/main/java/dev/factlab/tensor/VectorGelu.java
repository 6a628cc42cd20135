package dev.factlab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GeluKernel} with the Java Vector API: {@link ScalarGelu}'s arithmetic on a
 * vector of doubles at a time (floats widened, computed, narrowed), the same operations
 * in the same order, so the same bits. The last few values of a range go through a padded
 * buffer rather than a scalar loop, so a value's result never depends on where a range
 * starts or ends. Loaded by name from {@link GeluKernel#choose()} only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorGelu implements GeluKernel {

	private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

	/** Floats as many as D's doubles: half its width. */
	private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
			VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));

	private static final int LANES = Math.min(D.length(), F.length());

	@Override
	public void apply(float[] values, int from, int to) {
		int i = from;
		if (F.length() == D.length()) {
			for (; i + LANES <= to; i += LANES) {
				FloatVector x = FloatVector.fromArray(F, values, i);
				narrow(gelu(widen(x))).intoArray(values, i);
			}
		}
		float[] pad = new float[F.length()];
		for (; i < to; i += LANES) {
			int n = Math.min(LANES, to - i);
			System.arraycopy(values, i, pad, 0, n);
			FloatVector x = FloatVector.fromArray(F, pad, 0);
			narrow(gelu(widen(x))).intoArray(pad, 0);
			System.arraycopy(pad, 0, values, i, n);
		}
	}

	private static DoubleVector widen(FloatVector x) {
		return (DoubleVector) x.convertShape(VectorOperators.F2D, D, 0);
	}

	private static FloatVector narrow(DoubleVector x) {
		return (FloatVector) x.convertShape(VectorOperators.D2F, F, 0);
	}

	private static DoubleVector gelu(DoubleVector x) {
		DoubleVector z = x.abs().mul(ScalarGelu.INV_SQRT_2);
		DoubleVector t = DoubleVector.broadcast(D, 1).div(z.mul(0.5).add(1));
		DoubleVector poly = DoubleVector.broadcast(D, ScalarGelu.P[9]);
		for (int i = 8; i >= 0; i--) {
			poly = poly.fma(t, DoubleVector.broadcast(D, ScalarGelu.P[i]));
		}
		DoubleVector a = z.neg().fma(z, poly).max(ScalarGelu.MIN_EXPONENT);
		DoubleVector shift = DoubleVector.broadcast(D, ScalarGelu.SHIFT);
		DoubleVector kd = a.fma(DoubleVector.broadcast(D, ScalarGelu.LOG2_E), shift);
		DoubleVector minusK = shift.sub(kd);
		DoubleVector r = minusK.fma(DoubleVector.broadcast(D, ScalarGelu.LN2_HI), a);
		r = minusK.fma(DoubleVector.broadcast(D, ScalarGelu.LN2_LO), r);
		DoubleVector p = DoubleVector.broadcast(D, ScalarGelu.TAYLOR[11]);
		for (int i = 10; i >= 0; i--) {
			p = p.fma(r, DoubleVector.broadcast(D, ScalarGelu.TAYLOR[i]));
		}
		DoubleVector scale = ((LongVector) kd.reinterpretAsLongs()).add(1023)
			.lanewise(VectorOperators.LSHL, 52)
			.reinterpretAsDoubles();
		DoubleVector ans = t.mul(p.mul(scale));
		VectorMask<Double> positive = x.compare(VectorOperators.GT, 0);
		DoubleVector twicePhi = ans.blend(DoubleVector.broadcast(D, 2).sub(ans), positive);
		return x.mul(0.5).mul(twicePhi);
	}

	@Override
	public String name() {
		return "Vector API " + D.vectorBitSize() + "-bit";
	}

}
