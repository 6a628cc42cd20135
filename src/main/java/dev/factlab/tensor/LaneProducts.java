package dev.factlab.tensor;

import java.util.stream.IntStream;

/**
 * Products {@code y = x·wᵀ + b} in Java Vector API lanes ({@link RowKernels#affine}) for
 * weights on the heap, kept in {@link Panels} beside their values: several products of
 * one input (a layer's queries, keys and values) in one parallel section, and a product
 * with its GELU applied block by block while the block is still in cache. Rows are split
 * in tasks of {@value #ROWS_PER_TASK} and columns in groups of panels
 * ({@link #panelsPerTask}), run as {@link Sections} on every core (not the common
 * fork-join pool: see there why); each value is the bias plus its terms in order,
 * whatever the split, so a row gives the same bits alone or in a batch. Without the
 * Vector API module, or for off-heap weights, the products run in
 * {@link TensorOps#affine} and the GELU in {@link TensorOps#activateInFloat}.
 */
public final class LaneProducts {

	/** Rows of one task: 128 rows of 384 floats stay in L2. */
	private static final int ROWS_PER_TASK = 128;

	/**
	 * Fewest panels per task when tasks are few (a sentence or two): packing a task's
	 * rows costs about a third of one panel's product.
	 */
	private static final int MIN_PANELS_PER_TASK = 4;

	/** Tasks per core below which the tasks take fewer panels. */
	private static final int TASKS_PER_CORE = 4;

	/**
	 * Below this many multiply-adds in all the products together the tasks stay on the
	 * calling thread (≈ 10 µs of work).
	 */
	private static final long PARALLEL_MIN_MULTIPLY_ADDS = 1 << 20;

	/** Floats of output below which they are allocated on the calling thread. */
	private static final long PARALLEL_MIN_ALLOCATION = 1 << 20;

	private LaneProducts() {
	}

	/**
	 * A product and its GELU, both kept.
	 *
	 * @param pre [n, m]: {@code x·wᵀ + b}
	 * @param post [n, m]: GELU of {@code pre}
	 */
	public record Activated(FloatMatrix pre, FloatMatrix post) {
	}

	/**
	 * {@link TensorOps#affine(FloatMatrix, FloatMatrix, float[])} in Java Vector API
	 * lanes, for products whose weights live on the heap: no ND4J call, no off-heap copy
	 * of {@code x}, and {@code w} kept in {@link Panels} beside its values (made on first
	 * use). On the transformer's shapes it ran about twice as fast as ND4J's OpenBLAS
	 * 0.3.19 (whose kernels here are AVX2) in the same run (BENCHMARKS.md).
	 * @param x [n, k]. Not modified.
	 * @param w [m, k]. Not modified.
	 * @param b [m], or null for no bias. Not modified.
	 * @return [n, m]
	 */
	public static FloatMatrix affine(FloatMatrix x, FloatMatrix w, float[] b) {
		return affines(x, new FloatMatrix[] { w }, new float[][] { b })[0];
	}

	/**
	 * Several products of one input in one parallel section.
	 * @param x [n, k]. Not modified.
	 * @param ws each [m_i, k]. Not modified.
	 * @param bs each [m_i] or null, one per weight. Not modified.
	 * @return per weight, [n, m_i]
	 */
	public static FloatMatrix[] affines(FloatMatrix x, FloatMatrix[] ws, float[][] bs) {
		check(x, ws, bs);
		FloatMatrix[] out = new FloatMatrix[ws.length];
		if (!inLanes(ws)) {
			for (int i = 0; i < ws.length; i++) {
				out[i] = TensorOps.affine(x, ws[i], bs[i]);
			}
			return out;
		}
		float[][] values = run(x, ws, bs, false)[0];
		for (int i = 0; i < ws.length; i++) {
			out[i] = FloatMatrix.adopt(x.rows(), ws[i].rows(), values[i]);
		}
		return out;
	}

	/**
	 * The product and its GELU ({@link Activation#GELU}, as
	 * {@link TensorOps#activateInFloat} computes it) in one parallel section.
	 * @param x [n, k]. Not modified.
	 * @param w [m, k]. Not modified.
	 * @param b [m], or null for no bias. Not modified.
	 */
	public static Activated affineGelu(FloatMatrix x, FloatMatrix w, float[] b) {
		FloatMatrix[] ws = { w };
		float[][] bs = { b };
		check(x, ws, bs);
		if (!inLanes(ws)) {
			FloatMatrix pre = TensorOps.affine(x, w, b);
			return new Activated(pre, TensorOps.activateInFloat(pre, Activation.GELU));
		}
		float[][][] values = run(x, ws, bs, true);
		return new Activated(FloatMatrix.adopt(x.rows(), w.rows(), values[0][0]),
				FloatMatrix.adopt(x.rows(), w.rows(), values[1][0]));
	}

	private static boolean inLanes(FloatMatrix[] ws) {
		if (!(TensorOps.ROW_KERNELS instanceof VectorRowKernels) || TensorOps.choice != TensorOps.KernelChoice.AUTO) {
			return false;
		}
		for (FloatMatrix w : ws) {
			if (!w.onHeap()) {
				return false;
			}
		}
		return true;
	}

	private static void check(FloatMatrix x, FloatMatrix[] ws, float[][] bs) {
		if (ws.length != bs.length) {
			throw new IllegalArgumentException("%d weights but %d biases".formatted(ws.length, bs.length));
		}
		for (int i = 0; i < ws.length; i++) {
			TensorOps.checkAffine(x, ws[i], bs[i]);
		}
	}

	/**
	 * @return {products, their GELU (null unless {@code gelu})}, each per weight
	 * [rows·m_i]
	 */
	private static float[][][] run(FloatMatrix x, FloatMatrix[] ws, float[][] bs, boolean gelu) {
		RowKernels kernels = TensorOps.ROW_KERNELS;
		int rows = x.rows();
		int k = x.cols();
		float[] xs = x.heapOrCopy();
		int panel = kernels.affinePanelWidth();
		int products = ws.length;
		float[][] panels = new float[products][];
		float[][] out = new float[products][];
		float[][] activated = gelu ? new float[products][] : null;
		int rowTasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		// task t of a row block: product p's panel group t - firstTask[p]
		int[] panelsPerTask = panelsPerTask(ws, panel, rowTasks);
		int[] firstTask = new int[products + 1];
		long multiplyAdds = 0;
		long elements = 0;
		for (int p = 0; p < products; p++) {
			int n = ws[p].rows();
			panels[p] = ws[p].panels(panel);
			elements += Math.multiplyExact(rows, n) * (gelu ? 2L : 1L);
			int groupWidth = panelsPerTask[p] * panel;
			firstTask[p + 1] = firstTask[p] + (n + groupWidth - 1) / groupWidth;
			multiplyAdds += (long) rows * k * n;
		}
		// the JVM zeroes a new array on the thread that allocates it (≈ 0.5–1 ms for
		// 2,048 × 1,536 floats): several large outputs are allocated on every core
		int arrays = gelu ? 2 * products : products;
		java.util.function.IntConsumer allocate = a -> {
			float[] values = new float[rows * ws[a % products].rows()];
			if (a < products) {
				out[a] = values;
			}
			else {
				activated[a - products] = values;
			}
		};
		if (elements >= PARALLEL_MIN_ALLOCATION) {
			Sections.run(arrays, allocate);
		}
		else {
			IntStream.range(0, arrays).forEach(allocate);
		}
		int columnTasks = firstTask[products];
		java.util.function.IntConsumer body = task -> {
			int rowFrom = task / columnTasks * ROWS_PER_TASK;
			int rowTo = Math.min(rows, rowFrom + ROWS_PER_TASK);
			int column = task % columnTasks;
			int p = 0;
			while (column >= firstTask[p + 1]) {
				p++;
			}
			int n = ws[p].rows();
			int colFrom = (column - firstTask[p]) * panelsPerTask[p] * panel;
			int colTo = Math.min(n, colFrom + panelsPerTask[p] * panel);
			kernels.affine(xs, k, panels[p], n, bs[p], out[p], rowFrom, rowTo, colFrom, colTo);
			if (gelu) {
				for (int r = rowFrom; r < rowTo; r++) {
					kernels.gelu(out[p], activated[p], r * n + colFrom, r * n + colTo);
				}
			}
		};
		int count = rowTasks * columnTasks;
		if (multiplyAdds < PARALLEL_MIN_MULTIPLY_ADDS) {
			IntStream.range(0, count).forEach(body);
		}
		else {
			Sections.run(count, body);
		}
		return new float[][][] { out, activated };
	}

	/**
	 * Panels of each product that one task takes: all of them (a task packs its rows once
	 * for all its panels, see {@link RowKernels#affine}), fewer when that would leave
	 * some core without a task, but not under {@value #MIN_PANELS_PER_TASK}.
	 */
	private static int[] panelsPerTask(FloatMatrix[] ws, int panel, int rowTasks) {
		// with all of a product's panels per task there is one task per row block and
		// product
		boolean few = (long) rowTasks * ws.length < TASKS_PER_CORE * Runtime.getRuntime().availableProcessors();
		int[] perTask = new int[ws.length];
		for (int p = 0; p < ws.length; p++) {
			int panels = (ws[p].rows() + panel - 1) / panel;
			perTask[p] = few ? Math.min(panels, MIN_PANELS_PER_TASK) : panels;
		}
		return perTask;
	}

}
