package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link FloatMatrix#randomNormalByColumns}: a column-major off-heap matrix reads,
 * through every method, as the transpose of the row-major draws it was filled with; the
 * heap version holds the same values row-major; and the bits a seed gives are the
 * generator's, in the same order, whatever the thread count.
 */
class ColumnMajorMatrixTests {

	/** [1,003, 1,100]: 1.1 M values, off-heap, 17 generator blocks; odd height. */
	static final int ROWS = 1_003;

	static final int COLS = 1_100;

	@Test
	void everyReadGivesTheTransposeOfTheRowMajorDraws() {
		FloatMatrix m = FloatMatrix.randomNormalByColumns(ROWS, COLS, 0.5, 42);
		float[] drawn = RandomNormal.matrix(COLS, ROWS, 0.5, 42).toArray();
		assertThat(m.onHeap()).isFalse();
		assertThat(m.columnMajor()).isTrue();
		assertThat(m.rows()).isEqualTo(ROWS);
		assertThat(m.cols()).isEqualTo(COLS);
		float[] values = m.toArray();
		for (int r = 0; r < ROWS; r++) {
			for (int c = 0; c < COLS; c++) {
				assertThat(values[r * COLS + c]).as("toArray at %d,%d", r, c).isEqualTo(drawn[c * ROWS + r]);
			}
		}
		for (int r : new int[] { 0, 1, 500, ROWS - 1 }) {
			float[] expected = new float[COLS];
			for (int c = 0; c < COLS; c++) {
				expected[c] = drawn[c * ROWS + r];
				assertThat(m.get(r, c)).isEqualTo(expected[c]);
			}
			assertThat(m.row(r)).as("row %d", r).isEqualTo(expected);
			float[] read = new float[COLS];
			m.readRow(r, read);
			assertThat(read).as("readRow %d", r).isEqualTo(expected);
		}
		for (int c : new int[] { 0, 7, COLS - 1 }) {
			float[] expected = new float[ROWS];
			System.arraycopy(drawn, c * ROWS, expected, 0, ROWS);
			assertThat(m.column(c)).as("column %d", c).isEqualTo(expected);
		}
		FloatMatrix gathered = m.gatherRows(new int[] { ROWS - 1, 2, 2 });
		assertThat(gathered.row(0)).isEqualTo(m.row(ROWS - 1));
		assertThat(gathered.row(1)).isEqualTo(m.row(2));
		assertThat(gathered.row(2)).isEqualTo(m.row(2));
		FloatMatrix transposed = m.transpose();
		assertThat(transposed.columnMajor()).isFalse();
		assertThat(transposed.toArray()).isEqualTo(drawn);
		m.close();
	}

	/**
	 * Elementwise passes read a column-major matrix in its logical order: ReLU of it, and
	 * its sum with a row-major copy, element by element against the row-major values.
	 */
	@Test
	void elementwisePassesSeeTheLogicalValues() {
		FloatMatrix m = FloatMatrix.randomNormalByColumns(ROWS, COLS, 1, 5);
		float[] values = m.toArray();
		FloatMatrix copy = FloatMatrix.of(ROWS, COLS, values);
		float[] relu = TensorOps.activate(m, Activation.RELU).toArray();
		float[] sum = TensorOps.add(m, copy).toArray();
		for (int i = 0; i < values.length; i++) {
			assertThat(relu[i]).as("relu %d", i).isEqualTo(Math.max(0f, values[i]));
			assertThat(sum[i]).as("sum %d", i).isEqualTo(values[i] + values[i]);
		}
		m.close();
	}

	@Test
	void aSmallMatrixHoldsTheSameValuesOnTheHeap() {
		FloatMatrix heap = FloatMatrix.randomNormalByColumns(30, 41, 2, 9);
		assertThat(heap.onHeap()).isTrue();
		assertThat(heap.columnMajor()).isFalse();
		assertThat(heap.toArray()).isEqualTo(FloatMatrix.randomNormal(41, 30, 2, 9).transpose().toArray());
	}

	/**
	 * The storage holds the generator's sequence in order: read column after column, the
	 * values of {@code byColumns(2000, 700, 0.5, 42)} hash to the value that
	 * {@code RandomNormalTests} pins for the row-major {@code [700, 2000]} matrix of that
	 * seed (the same 1.4 M draws).
	 */
	@Test
	void columnByColumnTheBitsAreTheGeneratorsAsPinned() {
		FloatMatrix m = FloatMatrix.randomNormalByColumns(2_000, 700, 0.5, 42);
		long hash = 1125899906842597L;
		for (int c = 0; c < 700; c++) {
			for (float v : m.column(c)) {
				hash = 31 * hash + Float.floatToRawIntBits(v);
			}
		}
		assertThat(hash).isEqualTo(7607366972975296175L);
	}

}
