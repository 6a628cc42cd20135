package dev.factlab.tensor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies {@link TensorLimits#hugePages()} to {@link FloatMatrix#offHeap()}, then faults
 * in {@link TensorLimits#modelMemoryPool()} bytes on a background thread, into that
 * allocator's pool, and says how long it took. Requests don't wait for the pool: a model
 * created before it is ready maps memory of its own.
 */
@Component
class ModelMemorySetup {

	private static final Logger log = LoggerFactory.getLogger(ModelMemorySetup.class);

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
	 */
	static void startPool(long bytes, FloatAllocator allocator) {
		if (bytes == 0 || allocator.poolState().capacityBytes() > 0) {
			return;
		}
		Thread filler = new Thread(() -> fill(bytes, allocator), "model-memory-pool");
		filler.setDaemon(true);
		filler.start();
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
			log.info("Model memory pool: {} bytes of {} faulted in, in {} ms", pooled, allocator.name(),
					(System.nanoTime() - start) / 1_000_000);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			log.warn("factlab.tensor.model-memory-pool: could not map {} bytes ({}); models map their own memory",
					bytes, ex.toString());
		}
	}

}
