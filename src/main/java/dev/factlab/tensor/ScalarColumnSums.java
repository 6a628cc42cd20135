package dev.factlab.tensor;

import java.nio.ByteBuffer;

/**
 * {@link ColumnSums} in plain Java, one column at a time: the reference the Vector API
 * kernel is tested against, and the kernel without the incubator module.
 */
final class ScalarColumnSums implements ColumnSums {

	@Override
	public void add(ByteBuffer w, int m, int[] columns, int first, int count, float[] c, int n, float[] y,
			int stretch) {
		for (int j = first; j < first + count; j++) {
			int column = columns[j] * m * Float.BYTES;
			for (int t = 0; t < n; t++) {
				float coefficient = c[j * n + t];
				int row = t * m;
				for (int r = 0; r < m; r++) {
					y[row + r] += coefficient * w.getFloat(column + r * Float.BYTES);
				}
			}
		}
	}

	@Override
	public String name() {
		return "scalar";
	}

}
