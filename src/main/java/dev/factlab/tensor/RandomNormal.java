package dev.factlab.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded Normal(0, std²) matrices filled in parallel, the same for a seed on every
 * machine and whatever the number of threads.
 * <p>
 * The generator: the row-major elements are cut into blocks of {@value #BLOCK} values;
 * block {@code b} draws from its own SplitMix64 stream (Steele, Lea and Flood, 2014)
 * started at {@code mix64(seed + mix64(b + 1))}; each 64-bit output gives two 32-bit
 * draws, and each draw becomes a standard normal by Marsaglia and Tsang's 128-layer
 * ziggurat (J. Stat. Softw. 5(8), 2000), whose tables and rare slow path use
 * {@link StrictMath}; the value stored is {@code (float) (z · std)}. Every step is
 * integer or strict IEEE 754 arithmetic, so a seed fixes every weight bit for bit, and
 * blocks are independent, so threads only change who fills which block.
 * <p>
 * {@link #byColumns} draws the same sequence column after column instead: its [rows,
 * cols] matrix is the transpose of {@code matrix(cols, rows, …)} with the same seed,
 * value for value, and off-heap it is stored column-major so the generator still writes
 * the storage in order (an MLP's W_down, one contiguous column per neuron).
 */
final class RandomNormal {

	/** Values per independently seeded block. */
	static final int BLOCK = 1 << 16;

	/**
	 * Runs of blocks per thread: enough for a thread slowed by other work to hand some
	 * over.
	 */
	private static final int TASKS_PER_THREAD = 8;

	static final int LAYERS = 128;

	/** SplitMix64's increment. */
	static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

	private static final double R = 3.442619855899;

	private static final double M1 = 2147483648.0;

	private static final long[] KN = new long[LAYERS];

	private static final double[] WN = new double[LAYERS];

	private static final double[] FN = new double[LAYERS];

	static {
		double dn = R;
		double tn = dn;
		double vn = 9.91256303526217e-3;
		double q = vn / StrictMath.exp(-0.5 * dn * dn);
		KN[0] = (long) ((dn / q) * M1);
		KN[1] = 0;
		WN[0] = q / M1;
		WN[LAYERS - 1] = dn / M1;
		FN[0] = 1.0;
		FN[LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
		for (int i = LAYERS - 2; i >= 1; i--) {
			dn = StrictMath.sqrt(-2 * StrictMath.log(vn / dn + StrictMath.exp(-0.5 * dn * dn)));
			KN[i + 1] = (long) ((dn / tn) * M1);
			tn = dn;
			FN[i] = StrictMath.exp(-0.5 * dn * dn);
			WN[i] = dn / M1;
		}
	}

	/** The stream's outputs: Vector API when present. */
	static final SplitMixKernel KERNEL = SplitMixKernel.choose();

	private RandomNormal() {
	}

	/**
	 * @return a [rows, cols] matrix of Normal(0, std²) values, on the heap up to
	 * {@link FloatMatrix#HEAP_MAX_ELEMENTS}, off-heap beyond, filled on every core
	 */
	static FloatMatrix matrix(int rows, int cols, double std, long seed) {
		return matrix(rows, cols, std, seed, ForkJoinPool.commonPool());
	}

	/**
	 * @param pool the threads that fill the blocks; the values don't depend on it
	 */
	static FloatMatrix matrix(int rows, int cols, double std, long seed, ForkJoinPool pool) {
		long elements = (long) rows * cols;
		if (elements <= FloatMatrix.HEAP_MAX_ELEMENTS) {
			return FloatMatrix.adopt(rows, cols, heapValues(elements, std, seed));
		}
		return fillOffHeap(FloatMatrix.untouchedOffHeap(rows, cols, false), std, seed, pool);
	}

	/**
	 * @return a [rows, cols] matrix of the values {@code matrix(cols, rows, std, seed)}
	 * holds, transposed: the draws go column after column. Off-heap it is stored
	 * column-major (the generator fills it in storage order, no transposing pass).
	 */
	static FloatMatrix byColumns(int rows, int cols, double std, long seed) {
		return byColumns(rows, cols, std, seed, ForkJoinPool.commonPool());
	}

	/**
	 * @param pool the threads that fill the blocks; the values don't depend on it
	 */
	static FloatMatrix byColumns(int rows, int cols, double std, long seed, ForkJoinPool pool) {
		long elements = (long) rows * cols;
		if (elements <= FloatMatrix.HEAP_MAX_ELEMENTS) {
			return FloatMatrix.adopt(cols, rows, heapValues(elements, std, seed)).transpose();
		}
		return fillOffHeap(FloatMatrix.untouchedOffHeap(rows, cols, true), std, seed, pool);
	}

	/** The first {@code elements} values of the sequence, on the heap. */
	static float[] heapValues(long elements, double std, long seed) {
		int blocks = Math.toIntExact((elements + BLOCK - 1) / BLOCK);
		float[] values = new float[(int) elements];
		for (int b = 0; b < blocks; b++) {
			fill(values, b * BLOCK, (int) Math.min(BLOCK, elements - (long) b * BLOCK), std, seed, b);
		}
		return values;
	}

	/**
	 * Writes the sequence into {@code matrix}'s storage in its order, whichever that is.
	 * @param matrix untouched off-heap memory. Modified.
	 * @return {@code matrix}
	 */
	private static FloatMatrix fillOffHeap(FloatMatrix matrix, double std, long seed, ForkJoinPool pool) {
		long elements = matrix.elements();
		int blocks = Math.toIntExact((elements + BLOCK - 1) / BLOCK);
		INDArray array = matrix.nd();
		// Each task fills a run of consecutive blocks, so each thread faults in its own
		// pages; the generator writes into a small heap buffer that a bulk copy moves.
		// The common pool's parallelism leaves a core for the calling thread (1 worker on
		// 2 cores), and a thread that waits on a submitted task does not help it: the
		// caller runs the stream itself, so it works beside the pool's workers.
		boolean common = pool == ForkJoinPool.commonPool();
		int threads = common ? pool.getParallelism() + 1 : pool.getParallelism();
		int tasks = Math.min(blocks, threads * TASKS_PER_THREAD);
		Runnable fillAll = () -> IntStream.range(0, tasks).parallel().forEach(task -> {
			float[] values = new float[BLOCK];
			for (int b = (int) ((long) blocks * task / tasks); b < (long) blocks * (task + 1) / tasks; b++) {
				int length = (int) Math.min(BLOCK, elements - (long) b * BLOCK);
				fill(values, 0, length, std, seed, b);
				FloatViews.view(array, (long) b * BLOCK, length).put(0, values, 0, length);
			}
		});
		if (common) {
			fillAll.run();
		}
		else {
			pool.submit(fillAll).join();
		}
		return matrix;
	}

	/**
	 * Writes block {@code block}'s values. The stream's outputs are computed ahead into a
	 * buffer ({@link Draws}, by {@link #KERNEL}), and pairs of draws that both take the
	 * ziggurat's fast path (≈ 98% of pairs) are converted in a tight loop; any other pair
	 * goes through {@link #slowPair}, which draws the same values in the same order as
	 * the textbook loop (one 64-bit output per pair, the slow path taking further outputs
	 * as it needs them). On one Zen 5 core: 2.3–2.4 ns per value with the Vector API's
	 * outputs, 2.7–2.8 with scalar ones (BENCHMARKS.md, issue 12); the values are the
	 * same bit for bit.
	 * @param out Modified in {@code [from, from + length)}.
	 */
	static void fill(float[] out, int from, int length, double std, long seed, long block) {
		fill(out, from, length, std, seed, block, KERNEL);
	}

	/**
	 * {@link #fill(float[], int, int, double, long, long)} with the stream's outputs from
	 * {@code kernel} (tests run both).
	 */
	static void fill(float[] out, int from, int length, double std, long seed, long block, SplitMixKernel kernel) {
		Draws draws = new Draws(mix64(seed + mix64(block + 1)), kernel);
		long[] buffer = draws.buffer;
		int end = from + length;
		int i = from;
		while (i < end) {
			if (draws.position == Draws.SIZE) {
				draws.refill();
			}
			int position = draws.position;
			int stop = Math.min(Draws.SIZE, position + (end - i + 1) / 2);
			while (position < stop) {
				long bits = buffer[position];
				int low = (int) bits;
				int high = (int) (bits >>> 32);
				int lowLayer = low & (LAYERS - 1);
				int highLayer = high & (LAYERS - 1);
				if (Math.abs((long) low) >= KN[lowLayer] || Math.abs((long) high) >= KN[highLayer] || i + 1 >= end) {
					break;
				}
				out[i] = (float) (low * WN[lowLayer] * std);
				out[i + 1] = (float) (high * WN[highLayer] * std);
				i += 2;
				position++;
			}
			draws.position = position;
			if (position < stop) {
				i = slowPair(out, i, end, std, draws);
			}
		}
	}

	/**
	 * The pair of draws at the stream's position, one of which leaves the fast path (or
	 * whose second draw lies beyond the block): written at {@code out[i]} and, when it is
	 * in the block, {@code out[i + 1]}.
	 * @return the index after them
	 */
	private static int slowPair(float[] out, int i, int end, double std, Draws draws) {
		long bits = draws.next();
		int hz = (int) bits;
		int iz = hz & (LAYERS - 1);
		double z = Math.abs((long) hz) < KN[iz] ? hz * WN[iz] : tail(draws, hz, iz);
		out[i] = (float) (z * std);
		if (i + 1 < end) {
			hz = (int) (bits >>> 32);
			iz = hz & (LAYERS - 1);
			z = Math.abs((long) hz) < KN[iz] ? hz * WN[iz] : tail(draws, hz, iz);
			out[i + 1] = (float) (z * std);
		}
		return i + 2;
	}

	/**
	 * The ziggurat's slow path for the 32-bit draw {@code hz} in layer {@code iz}, whose
	 * fast test failed: a standard normal, drawing more from {@code stream}.
	 */
	private static double tail(Draws stream, int hz, int iz) {
		while (true) {
			double x = hz * WN[iz];
			if (iz == 0) {
				double y;
				do {
					x = -StrictMath.log(stream.uniform()) / R;
					y = -StrictMath.log(stream.uniform());
				}
				while (y + y < x * x);
				return hz > 0 ? R + x : -R - x;
			}
			if (below(FN[iz] + stream.uniform() * (FN[iz - 1] - FN[iz]), -0.5 * x * x)) {
				return x;
			}
			hz = (int) stream.next();
			iz = hz & (LAYERS - 1);
			if (Math.abs((long) hz) < KN[iz]) {
				return hz * WN[iz];
			}
		}
	}

	/**
	 * {@code height < StrictMath.exp(v)}, the ziggurat's wedge test, decided by
	 * {@link Math#exp} (a compiler intrinsic) wherever its answer is far enough from
	 * {@code height}: both are within 1 ulp of the exact exponential, so beyond 4 ulps of
	 * {@code Math.exp(v)} the two agree; only nearer does {@code StrictMath.exp} (FdLibm
	 * in Java, ≈ 19% of the time to fill a large matrix on Zen 4) decide. The same
	 * answer, and so the same bits, on every machine.
	 */
	static boolean below(double height, double v) {
		double approx = Math.exp(v);
		double margin = 4 * Math.ulp(approx);
		if (height < approx - margin) {
			return true;
		}
		if (height > approx + margin) {
			return false;
		}
		return height < StrictMath.exp(v);
	}

	/** SplitMix64's finaliser (Stafford's variant 13). */
	static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	/**
	 * One block's SplitMix64 stream, its outputs computed {@value #SIZE} at a time into
	 * {@link #buffer}: output j after state s is {@code mix64(s + (j + 1)·γ)}, so the
	 * buffered outputs are the stream's, in its order.
	 */
	private static final class Draws {

		static final int SIZE = 256;

		final long[] buffer = new long[SIZE];

		/** The next output's index in {@link #buffer}; {@link #SIZE} when used up. */
		int position = SIZE;

		/** The stream's state after the last output in {@link #buffer}. */
		private long state;

		private final SplitMixKernel kernel;

		Draws(long state, SplitMixKernel kernel) {
			this.state = state;
			this.kernel = kernel;
		}

		void refill() {
			kernel.outputs(state, buffer);
			state += SIZE * GOLDEN_GAMMA;
			position = 0;
		}

		long next() {
			if (position == SIZE) {
				refill();
			}
			return buffer[position++];
		}

		/** Uniform in (0, 1), never 0. */
		double uniform() {
			return ((next() >>> 11) + 0.5) * 0x1.0p-53;
		}

	}

}
