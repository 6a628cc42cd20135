package dev.factlab.tensor;

import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three operations an MLP block needs, each choosing its kernel by size (EJML's
 * facade-over-kernels habit): products of at most {@value #JAVA_MAX_MULTIPLY_ADDS}
 * multiply-adds on heap matrices run in {@link JavaKernels} (an ND4J call costs ≈ 40 µs
 * here, more than such a product takes in Java); larger ones in one ND4J GEMM for the
 * whole token batch. Every method returns a new matrix and modifies none of its
 * arguments.
 */
public final class TensorOps {

	/**
	 * Largest product computed in plain Java; beyond it one GEMM is cheaper than the
	 * loop.
	 */
	public static final long JAVA_MAX_MULTIPLY_ADDS = 1 << 17;

	/** Below this many elements an elementwise pass stays on one thread. */
	private static final int PARALLEL_MIN_ELEMENTS = 1 << 18;

	/** Which kernels to use; tests pin one to compare the two. */
	enum KernelChoice {

		AUTO, JAVA, ND4J

	}

	static volatile KernelChoice choice = KernelChoice.AUTO;

	private TensorOps() {
	}

	/**
	 * The affine map {@code y = x·wᵀ + b}: each row of {@code x} dotted with each row of
	 * {@code w}.
	 * @param x [n, k]. Not modified.
	 * @param w [m, k]. Not modified.
	 * @param b [m], or null for no bias. Not modified.
	 * @return [n, m]
	 */
	public static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b) {
		if (x.cols() != w.cols()) {
			throw new IllegalArgumentException("x·wᵀ needs x [n, k] and w [m, k] but x is [%d, %d] and w is [%d, %d]"
				.formatted(x.rows(), x.cols(), w.rows(), w.cols()));
		}
		if (b != null && b.length != w.rows()) {
			throw new IllegalArgumentException("bias expected [%d] but was [%d]".formatted(w.rows(), b.length));
		}
		if (useJava(x, w)) {
			return FloatMatrix.adopt(x.rows(), w.rows(),
					JavaKernels.affine(x.heapValues(), x.rows(), x.cols(), w.heapValues(), w.rows(), b));
		}
		INDArray out = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.rows(), w.rows());
		Nd4j.gemm(x.nd(), w.nd(), out, false, true, 1.0, 0.0);
		if (b != null) {
			out.addiRowVector(Nd4j.createFromArray(b));
		}
		return FloatMatrix.adopt(out);
	}

	/**
	 * @param m any shape. Not modified.
	 * @return {@code activation} applied to every element of {@code m}
	 */
	public static FloatMatrix activate(FloatMatrix m, Activation activation) {
		if (m.onHeap()) {
			float[] values = m.heapValues().clone();
			activation.applyInPlace(values, 0, values.length);
			return FloatMatrix.adopt(m.rows(), m.cols(), values);
		}
		INDArray out = m.nd().dup('c');
		java.nio.FloatBuffer buffer = out.data().asNioFloat();
		int length = (int) out.length();
		int chunks = length < PARALLEL_MIN_ELEMENTS ? 1 : Runtime.getRuntime().availableProcessors() * 4;
		int chunk = (length + chunks - 1) / chunks;
		IntStream.range(0, chunks)
			.parallel()
			.forEach(c -> applyToBuffer(buffer, activation, c * chunk, Math.min(length, (c + 1) * chunk)));
		return FloatMatrix.adopt(out);
	}

	private static void applyToBuffer(java.nio.FloatBuffer buffer, Activation activation, int from, int to) {
		float[] scratch = new float[Math.min(8192, Math.max(0, to - from))];
		for (int start = from; start < to; start += scratch.length) {
			int len = Math.min(scratch.length, to - start);
			buffer.get(start, scratch, 0, len);
			activation.applyInPlace(scratch, 0, len);
			buffer.put(start, scratch, 0, len);
		}
	}

	/**
	 * @param a [n, m]. Not modified.
	 * @param b [n, m]. Not modified.
	 * @return a + b
	 */
	public static FloatMatrix add(FloatMatrix a, FloatMatrix b) {
		if (a.rows() != b.rows() || a.cols() != b.cols()) {
			throw new IllegalArgumentException("a + b needs equal shapes but a is [%d, %d] and b is [%d, %d]"
				.formatted(a.rows(), a.cols(), b.rows(), b.cols()));
		}
		if (a.onHeap() && b.onHeap()) {
			float[] x = a.heapValues();
			float[] y = b.heapValues();
			float[] out = new float[x.length];
			for (int i = 0; i < out.length; i++) {
				out[i] = x[i] + y[i];
			}
			return FloatMatrix.adopt(a.rows(), a.cols(), out);
		}
		return FloatMatrix.adopt(a.nd().add(b.nd()));
	}

	private static boolean useJava(FloatMatrix x, FloatMatrix w) {
		return switch (choice) {
			case JAVA -> x.onHeap() && w.onHeap();
			case ND4J -> false;
			case AUTO -> x.onHeap() && w.onHeap() && (long) x.rows() * x.cols() * w.rows() <= JAVA_MAX_MULTIPLY_ADDS;
		};
	}

}
