package dev.factlab.tensor;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BLAS thread lease: every GEMM of this service runs inside a section of one of two
 * modes, {@link Mode#SHARED} (OpenBLAS's own thread count, for forward passes) or
 * {@link Mode#SINGLE} (one thread, for work that runs its own parallel lanes, like the
 * angle kernels). Sections of one mode run concurrently; OpenBLAS's process-wide setting
 * ({@code blas_set_num_threads}) changes only when no section of the other mode is open,
 * so no caller ever has its thread count changed under it, and a caller of either mode
 * gets the threads it asked for.
 * <p>
 * Time slices keep either mode from starving the other. The mode that holds the lease
 * keeps admitting its callers for a slice; once the slice is over (or no section of the
 * mode has been open for {@link #IDLE_GAP_NANOS}), a waiting caller of the other mode
 * goes next, and new sections of the old mode wait behind it. A slice lasts as long as
 * the other mode last held the lease, between {@link #MIN_SLICE_NANOS} and
 * {@link #MAX_SLICE_NANOS}: one 0.3 s forward GEMM is answered by 0.3 s of the angle
 * job's small tile GEMMs, not by one of them (handing over GEMM by GEMM made each of the
 * step's ~150 tile GEMMs wait for a whole forward GEMM, see BENCHMARKS.md, issue 8.1).
 * <p>
 * Measured against a JVM-wide setter held for a whole angle run, see BENCHMARKS.md ("BLAS
 * thread lease"). OpenBLAS 0.3.19 has no per-call thread count, and a dedicated executor
 * can't change the count of a shared thread pool.
 */
public final class BlasThreads {

	/** The two kinds of section. */
	public enum Mode {

		/** OpenBLAS's default thread count: one GEMM uses every core. */
		SHARED,

		/** One thread: the caller parallelises across GEMMs itself. */
		SINGLE

	}

	private static final Object LOCK = new Object();

	private static Mode mode = Mode.SHARED;

	private static int open;

	private static final int[] waiting = new int[2];

	private static int sharedThreads = -1;

	/** The shortest slice a mode gets once it holds the lease (20 ms). */
	static final long MIN_SLICE_NANOS = 20_000_000L;

	/**
	 * The longest slice (2 s): bounds a forward pass's wait behind a running job. Under
	 * load one large forward GEMM takes seconds, and a shorter cap starved the job again.
	 */
	static final long MAX_SLICE_NANOS = 2_000_000_000L;

	/**
	 * A mode with no section open for this long (20 ms) yields before its slice ends. Not
	 * shorter: under load a lane is descheduled for milliseconds between two GEMMs, and
	 * each early yield costs the job a whole forward GEMM.
	 */
	static final long IDLE_GAP_NANOS = 20_000_000L;

	private static long sliceStart = System.nanoTime();

	private static long sliceEnd = sliceStart;

	private static long lastExit = sliceStart;

	/** Times the process-wide setting changed, for tests. */
	private static long switches;

	private BlasThreads() {
	}

	/**
	 * Runs {@code gemm} in a section of {@code mode}, waiting (uninterruptibly, for at
	 * most the other mode's GEMMs in flight) until OpenBLAS is set for it.
	 */
	public static void run(Mode mode, Runnable gemm) {
		enter(mode);
		try {
			gemm.run();
		}
		finally {
			exit();
		}
	}

	/** OpenBLAS's thread count now, as ND4J reports it. */
	public static int currentThreads() {
		return Nd4j.factory().blas().getMaxThreads();
	}

	static void enter(Mode wanted) {
		synchronized (LOCK) {
			Mode other = wanted == Mode.SHARED ? Mode.SINGLE : Mode.SHARED;
			waiting[wanted.ordinal()]++;
			boolean interrupted = false;
			long waitMillis;
			while ((waitMillis = millisToWait(wanted, other)) >= 0) {
				try {
					LOCK.wait(waitMillis);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			waiting[wanted.ordinal()]--;
			if (mode != wanted) {
				switchTo(wanted);
				LOCK.notifyAll();
			}
			open++;
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * How long a caller of {@code wanted} waits before looking again: -1 to enter now, 0
	 * to wait for a notification (a section closing or the mode changing).
	 */
	private static long millisToWait(Mode wanted, Mode other) {
		long now = System.nanoTime();
		if (mode == wanted) {
			return waiting[other.ordinal()] == 0 || now - sliceEnd < 0 ? -1 : 0;
		}
		if (open > 0) {
			return 0;
		}
		long yieldAt = Math.min(sliceEnd, lastExit + IDLE_GAP_NANOS);
		if (waiting[mode.ordinal()] > 0 && now - sliceEnd < 0) {
			yieldAt = sliceEnd;
		}
		long nanos = yieldAt - now;
		return nanos <= 0 ? -1 : Math.max(1, nanos / 1_000_000);
	}

	static void exit() {
		synchronized (LOCK) {
			open--;
			lastExit = System.nanoTime();
			if (open == 0) {
				LOCK.notifyAll();
			}
		}
	}

	/** How many times the process-wide setting changed so far. */
	static long switches() {
		synchronized (LOCK) {
			return switches;
		}
	}

	/** Called with no section open. */
	private static void switchTo(Mode wanted) {
		Blas blas = Nd4j.factory().blas();
		if (sharedThreads < 0) {
			sharedThreads = blas.getMaxThreads();
		}
		blas.setMaxThreads(wanted == Mode.SINGLE ? 1 : sharedThreads);
		long now = System.nanoTime();
		long held = Math.max(lastExit - sliceStart, 0);
		sliceStart = now;
		sliceEnd = now + Math.min(Math.max(held, MIN_SLICE_NANOS), MAX_SLICE_NANOS);
		mode = wanted;
		switches++;
	}

}
