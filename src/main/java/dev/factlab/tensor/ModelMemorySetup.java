package dev.factlab.tensor;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies {@link TensorLimits#hugePages()} to {@link FloatMatrix#offHeap()}, then faults
 * in {@link TensorLimits#modelMemoryPool()} bytes on a background thread, into that
 * allocator's pool, warms the generator up, and says how long both took. Requests don't
 * wait for the pool: a model created before it is ready maps memory of its own.
 */
@Component
class ModelMemorySetup {

	private static final Logger log = LoggerFactory.getLogger(ModelMemorySetup.class);

	/** Rounds of {@link #warmUpTheGenerator()}: two matrices of 2 M values each. */
	static final int WARM_UP_ROUNDS = 4;

	ModelMemorySetup(TensorLimits limits) {
		FloatMatrix.offHeap(allocator(limits.hugePages(), FloatMatrix.AVAILABLE));
		startPool(limits.modelMemoryPool().toBytes(), FloatMatrix.offHeap());
	}

	/** {@code available}, or malloc when huge pages are turned off. */
	static FloatAllocator allocator(boolean hugePages, FloatAllocator available) {
		return hugePages ? available : FloatAllocator.MALLOC;
	}

	/**
	 * Starts the pool's filler unless {@code bytes} is 0 or {@code allocator} has a pool
	 * already.
	 * @return the filler, which ends once the pool is ready and the generator warm
	 */
	static Optional<Thread> startPool(long bytes, FloatAllocator allocator) {
		if (bytes == 0 || allocator.poolState().capacityBytes() > 0) {
			return Optional.empty();
		}
		Thread filler = new Thread(() -> fill(bytes, allocator), "model-memory-pool");
		filler.setDaemon(true);
		filler.start();
		return Optional.of(filler);
	}

	/**
	 * Runs the seeded generator's whole off-heap path (allocation, parallel fill, copy
	 * into the matrix) on small matrices, so that the first large random model runs it
	 * compiled: in process, the first GPT-3 block from a pool took 2.9 s without this
	 * (W_up alone 2.1 s against 0.8–0.9 s for the next ones) and 2.2 s with it.
	 */
	static void warmUpTheGenerator() {
		for (int round = 0; round < WARM_UP_ROUNDS; round++) {
			FloatMatrix.randomNormal(1_024, 2_048, 1, round).close();
			FloatMatrix.randomNormalByColumns(1_024, 2_048, 1, round).close();
		}
	}

	private static void fill(long bytes, FloatAllocator allocator) {
		long start = System.nanoTime();
		try {
			long pooled = allocator.pool(bytes);
			if (pooled == 0) {
				log.warn("factlab.tensor.model-memory-pool is {} bytes, but models take {} memory, which has no pool: "
						+ "add --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED to the java "
						+ "command (Java 17 or 18)", bytes, allocator.name());
				return;
			}
			long pooledMillis = (System.nanoTime() - start) / 1_000_000;
			long warm = System.nanoTime();
			warmUpTheGenerator();
			log.info("Model memory pool: {} bytes of {} faulted in, in {} ms; generator warmed up in {} ms", pooled,
					allocator.name(), pooledMillis, (System.nanoTime() - warm) / 1_000_000);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			log.warn("factlab.tensor.model-memory-pool: could not map {} bytes ({}); models map their own memory",
					bytes, ex.toString());
		}
	}

}
