package dev.factlab.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Where large off-heap float arrays come from: {@code HugePageFloats} maps them itself
 * and asks Linux for 2 MB pages (needs {@code jdk.incubator.foreign} and native access),
 * {@link #MALLOC} takes them from JavaCPP's {@code malloc} (4 KB pages where transparent
 * huge pages are {@code madvise}-only, Debian's default). The memory is counted against
 * JavaCPP's {@code maxbytes} either way and freed by {@link FloatPointer#deallocate()} or
 * when the pointer is collected; no page is touched before its first write.
 * <p>
 * The page size decides what the first write costs: on the Firecracker VMs measured here
 * a fresh 4 KB page costs ≈ 12–16 µs, so 4.8 GB (GPT-3's block) took 13–19 s to touch
 * with 4 KB pages and 3.0–9.8 s with 2 MB pages (BENCHMARKS.md, issue 12).
 */
interface FloatAllocator {

	/** JavaCPP's {@code new FloatPointer(elements)}. */
	FloatAllocator MALLOC = new FloatAllocator() {

		@Override
		public FloatPointer allocate(long elements) {
			return new FloatPointer(elements);
		}

		@Override
		public String name() {
			return "malloc";
		}

	};

	/**
	 * @return untouched memory for {@code elements} floats, 64-byte aligned at least
	 * @throws OutOfMemoryError when the system or JavaCPP's {@code maxbytes} refuses it
	 */
	FloatPointer allocate(long elements);

	/** e.g. "2 MB pages (madvise)" or "malloc". */
	String name();

	/**
	 * Faults in {@code bytes} of memory now and keeps them for later allocations, where
	 * the allocator can.
	 * @return the bytes pooled: 0 for an allocator that can't
	 */
	default long pool(long bytes) {
		return 0;
	}

	/** The pool's bytes now. */
	default PoolState poolState() {
		return new PoolState(0, 0, 0);
	}

	/**
	 * @param capacityBytes bytes pooled, in use or free
	 * @param freeBytes bytes free
	 * @param largestFreeBytes the longest free range: the largest allocation the pool can
	 * serve now
	 */
	record PoolState(long capacityBytes, long freeBytes, long largestFreeBytes) {
	}

	/** {@code HugePageFloats} when its module is present and native access is enabled. */
	static FloatAllocator choose() {
		return Incubator.choose("jdk.incubator.foreign", FloatAllocator.class,
				FloatAllocator.class.getPackageName() + ".HugePageFloats", () -> MALLOC);
	}

}
