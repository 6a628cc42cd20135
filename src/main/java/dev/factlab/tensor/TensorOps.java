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

	/**
	 * Below this many elements a vectorised pass stays on one thread (≈ 0.1 ms of GELU;
	 * the pool costs tens of µs).
	 */
	private static final int PARALLEL_MIN_KERNEL_ELEMENTS = 1 << 17;

	static final RowKernels ROW_KERNELS = RowKernels.choose();

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
		return affine(x, w, b, null, null);
	}

	/**
	 * {@link #affine(FloatMatrix, FloatMatrix, float[])} writing a large result into
	 * {@code workspace}'s {@code slot} instead of a fresh array.
	 * @param workspace null for a fresh array. Modified.
	 */
	public static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b, Workspace workspace, String slot) {
		checkAffine(x, w, b);
		if (useJava(x, w)) {
			return FloatMatrix.adopt(x.rows(), w.rows(),
					JavaKernels.affine(x.heapValues(), x.rows(), x.cols(), w.heapValues(), w.rows(), b));
		}
		if (choice == KernelChoice.AUTO && FewTokenProducts.applies(x, w)) {
			return FewTokenProducts.affine(x, w, b);
		}
		FloatMatrix target = workspace == null ? null : workspace.matrix(slot, x.rows(), w.rows());
		INDArray out = target != null ? target.nd()
				: Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.rows(), w.rows());
		double beta = 0.0;
		if (b != null && !allZero(b)) {
			fillRows(out, b);
			beta = 1.0;
		}
		INDArray xs = x.nd();
		INDArray ws = w.nd();
		double b0 = beta;
		BlasThreads.run(BlasThreads.Mode.SHARED, () -> Nd4j.gemm(xs, ws, out, false, true, 1.0, b0));
		return target != null ? target : FloatMatrix.adopt(out);
	}

	/**
	 * @param m any shape. Not modified.
	 * @return {@code activation} applied to every element of {@code m}
	 */
	public static FloatMatrix activate(FloatMatrix m, Activation activation) {
		return activate(m, activation, null, null);
	}

	/**
	 * {@link #activate(FloatMatrix, Activation)} writing a large result into
	 * {@code workspace}'s {@code slot}.
	 * @param workspace null for a fresh array. Modified.
	 */
	public static FloatMatrix activate(FloatMatrix m, Activation activation, Workspace workspace, String slot) {
		if (m.onHeap()) {
			float[] values = m.heapValues().clone();
			activation.applyInPlace(values, 0, values.length);
			return FloatMatrix.adopt(m.rows(), m.cols(), values);
		}
		FloatMatrix target = workspace == null ? null : workspace.matrix(slot, m.rows(), m.cols());
		INDArray out = target != null ? target.nd()
				: Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, m.rows(), m.cols());
		INDArray in = rowMajor(m);
		java.nio.FloatBuffer from = floats(in);
		java.nio.FloatBuffer to = floats(out);
		int length = (int) out.length();
		int chunks = length < PARALLEL_MIN_ELEMENTS ? 1 : Runtime.getRuntime().availableProcessors() * 4;
		int chunk = (length + chunks - 1) / chunks;
		IntStream.range(0, chunks)
			.parallel()
			.forEach(c -> applyToBuffer(from, to, activation::applyInPlace, c * chunk,
					Math.min(length, (c + 1) * chunk)));
		// The NIO views don't hold the arrays: without the fence a caller's temporary m
		// could be collected (and its memory freed) while the loop still reads it.
		java.lang.ref.Reference.reachabilityFence(m);
		java.lang.ref.Reference.reachabilityFence(in);
		return target != null ? target : FloatMatrix.adopt(out);
	}

	/**
	 * {@link #activate(FloatMatrix, Activation)} in float32 arithmetic, for large
	 * activation matrices: GELU runs in Vector API lanes ({@link RowKernels}, fractional
	 * error ≈ 10⁻⁷ like the double version's, about 10× faster), the others as there;
	 * every core takes a share of a large matrix.
	 * @param m any shape. Not modified.
	 * @return {@code activation} applied to every element of {@code m}
	 */
	public static FloatMatrix activateInFloat(FloatMatrix m, Activation activation) {
		if (activation != Activation.GELU) {
			return activate(m, activation);
		}
		int length = Math.toIntExact(m.elements());
		int chunks = length < PARALLEL_MIN_KERNEL_ELEMENTS ? 1 : Runtime.getRuntime().availableProcessors() * 4;
		int chunk = (length + chunks - 1) / chunks;
		if (m.onHeap()) {
			float[] in = m.heapValues();
			float[] out = new float[length];
			IntStream range = IntStream.range(0, chunks);
			(chunks > 1 ? range.parallel() : range)
				.forEach(c -> ROW_KERNELS.gelu(in, out, c * chunk, Math.min(length, (c + 1) * chunk)));
			return FloatMatrix.adopt(m.rows(), m.cols(), out);
		}
		INDArray out = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, m.rows(), m.cols());
		INDArray in = rowMajor(m);
		java.nio.FloatBuffer from = floats(in);
		java.nio.FloatBuffer to = floats(out);
		IntStream.range(0, chunks)
			.parallel()
			.forEach(c -> applyToBuffer(from, to, (values, start, end) -> ROW_KERNELS.gelu(values, values, start, end),
					c * chunk, Math.min(length, (c + 1) * chunk)));
		java.lang.ref.Reference.reachabilityFence(m);
		java.lang.ref.Reference.reachabilityFence(in);
		return FloatMatrix.adopt(out);
	}

	/**
	 * {@code m}'s ND4J array, row-major: a column-major matrix's values copied into one
	 * (elementwise passes read and write in row-major order).
	 */
	private static INDArray rowMajor(FloatMatrix m) {
		return m.columnMajor() ? m.nd().dup('c') : m.nd();
	}

	/**
	 * The elements of a contiguous array, from its offset on. The buffer does not keep
	 * the array reachable: the caller must (its memory is freed when the array is
	 * collected).
	 */
	private static java.nio.FloatBuffer floats(INDArray array) {
		return array.data().asNioFloat().slice((int) array.offset(), (int) array.length());
	}

	/** An element-wise function applied in place to {@code values[from, to)}. */
	@FunctionalInterface
	private interface InPlace {

		void apply(float[] values, int from, int to);

	}

	/**
	 * {@code to[i] = f(from[i])} for i in [start, end), through an 8,192-float scratch.
	 */
	private static void applyToBuffer(java.nio.FloatBuffer from, java.nio.FloatBuffer to, InPlace f, int start,
			int end) {
		float[] scratch = new float[Math.min(8192, Math.max(0, end - start))];
		for (int i = start; i < end; i += scratch.length) {
			int len = Math.min(scratch.length, end - i);
			from.get(i, scratch, 0, len);
			f.apply(scratch, 0, len);
			to.put(i, scratch, 0, len);
		}
	}

	/**
	 * @param a [n, m]. Not modified.
	 * @param b [n, m]. Not modified.
	 * @return a + b
	 */
	public static FloatMatrix add(FloatMatrix a, FloatMatrix b) {
		return add(a, b, null, null);
	}

	/**
	 * {@link #add(FloatMatrix, FloatMatrix)} writing a large result into
	 * {@code workspace}'s {@code slot}.
	 * @param workspace null for a fresh array. Modified.
	 */
	public static FloatMatrix add(FloatMatrix a, FloatMatrix b, Workspace workspace, String slot) {
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
		FloatMatrix target = workspace == null ? null : workspace.matrix(slot, a.rows(), a.cols());
		if (target == null) {
			return FloatMatrix.adopt(a.nd().add(b.nd()));
		}
		a.nd().add(b.nd(), target.nd());
		return target;
	}

	/**
	 * Writes {@code row} into every row of {@code out}, so that GEMM with beta 1 adds the
	 * bias as it accumulates: a bulk copy per row, several times faster here than ND4J's
	 * broadcast add afterwards.
	 * @param out [n, row.length], contiguous. Modified.
	 */
	private static void fillRows(INDArray out, float[] row) {
		java.nio.FloatBuffer values = floats(out);
		int rows = (int) out.rows();
		IntStream range = IntStream.range(0, rows);
		(out.length() < PARALLEL_MIN_ELEMENTS ? range : range.parallel())
			.forEach(r -> values.put(r * row.length, row, 0, row.length));
	}

	/**
	 * Random-init models have zero biases; skipping them saves a pass over the output.
	 */
	private static boolean allZero(float[] values) {
		for (float v : values) {
			if (v != 0f) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @throws IllegalArgumentException unless x is [n, k], w [m, k] and b null or [m]
	 */
	static void checkAffine(FloatMatrix x, FloatMatrix w, float[] b) {
		if (x.cols() != w.cols()) {
			throw new IllegalArgumentException("x·wᵀ needs x [n, k] and w [m, k] but x is [%d, %d] and w is [%d, %d]"
				.formatted(x.rows(), x.cols(), w.rows(), w.cols()));
		}
		if (b != null && b.length != w.rows()) {
			throw new IllegalArgumentException("bias expected [%d] but was [%d]".formatted(w.rows(), b.length));
		}
	}

	private static boolean useJava(FloatMatrix x, FloatMatrix w) {
		return switch (choice) {
			case JAVA -> x.onHeap() && w.onHeap();
			case ND4J -> false;
			case AUTO -> x.onHeap() && w.onHeap() && (long) x.rows() * x.cols() * w.rows() <= JAVA_MAX_MULTIPLY_ADDS;
		};
	}

}
