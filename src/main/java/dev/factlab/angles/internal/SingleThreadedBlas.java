package dev.factlab.angles.internal;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * While at least one of these scopes is open, OpenBLAS runs every GEMM on the calling
 * thread alone; closing the last one restores the thread count that was set before the
 * first opened. The angle kernels run their own workers, one GEMM stream each; letting
 * OpenBLAS add threads on top was 20–100% slower on 2 cores.
 * <p>
 * The call is ND4J's {@code Nd4j.factory().blas().setMaxThreads(n)}, which in nd4j-native
 * is OpenBLAS's {@code blas_set_num_threads} (via JavaCPP's {@code openblas_nolapack}).
 * The setting is process-wide: GEMMs of other modules that run while a scope is open run
 * single-threaded too. Nothing is set at class-load time.
 */
final class SingleThreadedBlas implements AutoCloseable {

	private static final Object LOCK = new Object();

	private static int open;

	private static int saved;

	private boolean closed;

	private SingleThreadedBlas() {
	}

	static SingleThreadedBlas enter() {
		synchronized (LOCK) {
			if (open == 0) {
				Blas blas = Nd4j.factory().blas();
				saved = blas.getMaxThreads();
				blas.setMaxThreads(1);
			}
			open++;
		}
		return new SingleThreadedBlas();
	}

	/** OpenBLAS's current thread count, as ND4J reports it. */
	static int currentThreads() {
		return Nd4j.factory().blas().getMaxThreads();
	}

	@Override
	public void close() {
		synchronized (LOCK) {
			if (closed) {
				return;
			}
			closed = true;
			open--;
			if (open == 0) {
				Nd4j.factory().blas().setMaxThreads(saved);
			}
		}
	}

}
