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
 * gets the threads it asked for. A waiting caller of the other mode is let in as soon as
 * the open sections close: new sections of the current mode wait behind it, so neither
 * mode starves (a lane pauses at its next GEMM while a forward pass runs, then resumes).
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
			while (mode == wanted ? waiting[other.ordinal()] > 0 : open > 0) {
				try {
					LOCK.wait();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			waiting[wanted.ordinal()]--;
			if (mode != wanted) {
				switchTo(wanted);
			}
			open++;
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static void exit() {
		synchronized (LOCK) {
			open--;
			if (open == 0) {
				LOCK.notifyAll();
			}
		}
	}

	/** Called with no section open. */
	private static void switchTo(Mode wanted) {
		Blas blas = Nd4j.factory().blas();
		if (sharedThreads < 0) {
			sharedThreads = blas.getMaxThreads();
		}
		blas.setMaxThreads(wanted == Mode.SINGLE ? 1 : sharedThreads);
		mode = wanted;
	}

}
