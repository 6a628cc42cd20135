package dev.factlab.tensor;

/**
 * The layout in which the Java products ({@link RowKernels#affine}) stream a weight
 * matrix {@code w [n, k]}: {@code wᵀ [k, n]} cut into panels of {@code width} columns
 * (the last may be narrower), each panel stored whole, row after row. The panel of
 * columns {@code [j, j + pw)} starts at {@code j·k}, and {@code w[j + c][p]} is at
 * {@code j·k + p·pw + c}: a micro-kernel reads one panel front to back, {@code pw}
 * contiguous floats per term, instead of {@code pw} floats every {@code n}.
 */
final class Panels {

	private Panels() {
	}

	/**
	 * @param w [n, k] row-major. Not modified.
	 * @param width columns of a panel
	 * @return [n·k]: {@code w} in panels
	 */
	static float[] pack(float[] w, int n, int k, int width) {
		if (w.length != (long) n * k || width < 1) {
			throw new IllegalArgumentException(
					"w expected [%d × %d] and width > 0 but was [%d], %d".formatted(n, k, w.length, width));
		}
		float[] out = new float[w.length];
		for (int j = 0; j < n; j += width) {
			int panelWidth = Math.min(width, n - j);
			int base = j * k;
			for (int c = 0; c < panelWidth; c++) {
				int row = (j + c) * k;
				for (int p = 0; p < k; p++) {
					out[base + p * panelWidth + c] = w[row + p];
				}
			}
		}
		return out;
	}

}
