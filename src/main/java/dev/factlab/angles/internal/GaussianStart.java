package dev.factlab.angles.internal;

import java.util.Random;

/**
 * The random start: N × D standard-normal numbers from
 * {@code java.util.Random(seed).nextGaussian()}, drawn row by row and rounded to float32.
 * That generator's algorithm (a 48-bit LCG and Marsaglia's polar method, with StrictMath)
 * is fixed by its Javadoc, so a seed gives the same start on every JVM. It does not
 * reproduce numpy's stream.
 */
final class GaussianStart {

	private GaussianStart() {
	}

	/**
	 * @return [vectors × dimensions], row-major
	 */
	static float[] draw(int vectors, int dimensions, long seed) {
		Random random = new Random(seed);
		float[] values = new float[Math.multiplyExact(vectors, dimensions)];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) random.nextGaussian();
		}
		return values;
	}

}
