package dev.factlab.tensor;

import java.nio.ByteBuffer;

/** {@link RowDots} in plain Java, four accumulators per dot product. */
final class ScalarRowDots implements RowDots {

	@Override
	public void products(ByteBuffer w, int rows, int k, float[] x, int n, float[] y, int yStride, int yFrom) {
		for (int j = 0; j < rows; j++) {
			int row = j * k * Float.BYTES;
			for (int t = 0; t < n; t++) {
				int xi = t * k;
				float s0 = 0;
				float s1 = 0;
				float s2 = 0;
				float s3 = 0;
				int i = 0;
				for (; i + 3 < k; i += 4) {
					int at = row + i * Float.BYTES;
					s0 += w.getFloat(at) * x[xi + i];
					s1 += w.getFloat(at + 4) * x[xi + i + 1];
					s2 += w.getFloat(at + 8) * x[xi + i + 2];
					s3 += w.getFloat(at + 12) * x[xi + i + 3];
				}
				for (; i < k; i++) {
					s0 += w.getFloat(row + i * Float.BYTES) * x[xi + i];
				}
				y[t * yStride + yFrom + j] = (s0 + s1) + (s2 + s3);
			}
		}
	}

	@Override
	public String name() {
		return "scalar";
	}

}
