package dev.factlab.tensor;

import org.bytedeco.javacpp.Pointer;

/**
 * How much ND4J may allocate outside the Java heap: JavaCPP's
 * {@code org.bytedeco.javacpp.maxbytes}, which defaults to the JVM's maximum heap. Large
 * matrices live there, so it bounds the models the service can hold.
 */
public final class OffHeap {

	private OffHeap() {
	}

	/**
	 * @return the off-heap ceiling in bytes, or {@link Long#MAX_VALUE} when JavaCPP sets
	 * none
	 */
	public static long capacityBytes() {
		long max = Pointer.maxBytes();
		return max <= 0 ? Long.MAX_VALUE : max;
	}

	/**
	 * @return bytes JavaCPP's allocator holds off-heap now. ND4J 1.0.0-M2.1's CPU data
	 * buffers are allocated by libnd4j and not counted here (a 4 MB array adds about 120
	 * bytes), so this is a floor; {@link MemoryBudget} accounts for the data itself
	 */
	public static long usedBytes() {
		return Pointer.totalBytes();
	}

	/**
	 * @return the process's resident memory in bytes (heap, ND4J's buffers and every
	 * other native allocation), as JavaCPP measures it against
	 * {@code org.bytedeco.javacpp.maxphysicalbytes}
	 */
	public static long physicalBytes() {
		return Pointer.physicalBytes();
	}

}
