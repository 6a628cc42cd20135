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
	 * @return bytes ND4J holds off-heap now
	 */
	public static long usedBytes() {
		return Pointer.totalBytes();
	}

}
