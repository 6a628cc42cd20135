package dev.factlab.tensor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the process's {@link MemoryBudget} from {@link TensorLimits}, kept
 * {@value #OFF_HEAP_HEADROOM} bytes under JavaCPP's off-heap ceiling (so a reservation
 * that fits can always be allocated), and publishes it as gauges:
 * {@code factlab.memory.used{use}}, {@code factlab.memory.capacity}, JavaCPP's own
 * {@code factlab.offheap.allocated} and {@code factlab.offheap.ceiling}, and the model
 * memory pool's {@code factlab.offheap.pool.capacity} and {@code .free}.
 */
@Configuration(proxyBeanMethods = false)
class MemoryBudgetSetup {

	private static final Logger log = LoggerFactory.getLogger(MemoryBudgetSetup.class);

	/** Off-heap room kept free beyond the budget, for ND4J's own temporaries. */
	static final long OFF_HEAP_HEADROOM = 1L << 30;

	@Bean
	MemoryBudget memoryBudget(TensorLimits limits) {
		return new MemoryBudget(capacity(limits.memoryBudget().toBytes(), OffHeap.capacityBytes()),
				"factlab.tensor.memory-budget");
	}

	/**
	 * @return {@code configured}, or the ceiling less the headroom when that is smaller
	 * (logged as a warning saying what to set)
	 */
	static long capacity(long configured, long offHeapCeiling) {
		long room = Math.max(0, offHeapCeiling - OFF_HEAP_HEADROOM);
		if (configured <= room) {
			return configured;
		}
		log.warn("factlab.tensor.memory-budget is {} bytes but JavaCPP's off-heap ceiling is {} bytes: the budget is "
				+ "lowered to {} bytes. Set -Dorg.bytedeco.javacpp.maxbytes (and maxphysicalbytes) to at least the "
				+ "budget + 1 GB, or lower the budget.", configured, offHeapCeiling, room);
		return room;
	}

	@Bean
	MeterBinder memoryBudgetGauges(MemoryBudget budget) {
		return registry -> {
			for (String use : budget.usage().byUse().keySet()) {
				Gauge.builder("factlab.memory.used", budget, b -> b.usage().bytes(use))
					.tag("use", use)
					.baseUnit("bytes")
					.description("Bytes of factlab.tensor.memory-budget reserved, by use")
					.register(registry);
			}
			Gauge.builder("factlab.memory.capacity", budget, MemoryBudget::capacityBytes)
				.baseUnit("bytes")
				.description("factlab.tensor.memory-budget as in force (lowered to fit JavaCPP's ceiling)")
				.register(registry);
			Gauge.builder("factlab.offheap.allocated", OffHeap::usedBytes)
				.baseUnit("bytes")
				.description("Bytes JavaCPP's allocator holds off-heap now (ND4J's CPU buffers are allocated by "
						+ "libnd4j and counted in factlab.memory.used instead)")
				.register(registry);
			Gauge.builder("factlab.offheap.physical", OffHeap::physicalBytes)
				.baseUnit("bytes")
				.description("Resident memory of the process (heap, ND4J's buffers, other native memory), as JavaCPP "
						+ "measures it against org.bytedeco.javacpp.maxphysicalbytes")
				.register(registry);
			Gauge.builder("factlab.offheap.pool.capacity", () -> FloatMatrix.offHeap().poolState().capacityBytes())
				.baseUnit("bytes")
				.description("Bytes of factlab.tensor.model-memory-pool faulted in so far, in use or free")
				.register(registry);
			Gauge.builder("factlab.offheap.pool.free", () -> FloatMatrix.offHeap().poolState().freeBytes())
				.baseUnit("bytes")
				.description("Bytes of factlab.tensor.model-memory-pool free for the next large random models")
				.register(registry);
			Gauge.builder("factlab.offheap.ceiling", OffHeap::capacityBytes)
				.baseUnit("bytes")
				.description("JavaCPP's off-heap ceiling, org.bytedeco.javacpp.maxbytes")
				.register(registry);
		};
	}

}
