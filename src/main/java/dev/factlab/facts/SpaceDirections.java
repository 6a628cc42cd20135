package dev.factlab.facts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

import dev.factlab.tensor.FloatMatrix;

/** The unit directions of each {@link SpaceKind}, as [n, d] matrices. */
public final class SpaceDirections {

	private SpaceDirections() {
	}

	/** Row i is axis i. Requires n ≤ d. */
	public static FloatMatrix orthonormal(int n, int d) {
		if (n > d) {
			throw new IllegalArgumentException(
					"an orthonormal space holds at most d=%d names but got %d".formatted(d, n));
		}
		return FloatMatrix.build(n, d, (row, out) -> out[row] = 1f);
	}

	/**
	 * Standard-normal rows from {@code SplittableRandom(seed)} (row after row, Java's
	 * polar Gaussian), normalised to unit length in double and rounded to float32: the
	 * same seed gives the same space.
	 */
	public static FloatMatrix random(int n, int d, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] row = new double[d];
		return FloatMatrix.build(n, d, (r, out) -> {
			double norm = 0;
			for (int i = 0; i < d; i++) {
				row[i] = random.nextGaussian();
				norm += row[i] * row[i];
			}
			double scale = 1 / Math.sqrt(norm);
			for (int i = 0; i < d; i++) {
				out[i] = (float) (row[i] * scale);
			}
		});
	}

	/**
	 * The first {@code n} rows of an angle job's vectors, normalised.
	 * @param littleEndian float32 little-endian [rows × d]. Not modified.
	 */
	public static FloatMatrix fromVectors(byte[] littleEndian, int d, int n) {
		FloatBuffer values = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		if ((long) n * d > values.remaining()) {
			throw new IllegalArgumentException(
					"expected at least %d × %d floats but got %d".formatted(n, d, values.remaining()));
		}
		float[] row = new float[d];
		return FloatMatrix.build(n, d, (r, out) -> {
			values.get(r * d, row, 0, d);
			double norm = 0;
			for (float v : row) {
				norm += (double) v * v;
			}
			double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
			for (int i = 0; i < d; i++) {
				out[i] = (float) (row[i] * scale);
			}
		});
	}

	/**
	 * Writes float32 little-endian, row-major (the download format), a row at a time.
	 * @param out not closed. Modified.
	 */
	public static void writeLittleEndian(FloatMatrix vectors, OutputStream out) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(vectors.cols() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		float[] row = new float[vectors.cols()];
		for (int r = 0; r < vectors.rows(); r++) {
			vectors.readRow(r, row);
			bytes.clear();
			bytes.asFloatBuffer().put(row);
			out.write(bytes.array());
		}
	}

}
