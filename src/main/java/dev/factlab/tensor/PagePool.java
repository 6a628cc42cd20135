package dev.factlab.tensor;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Free address ranges of memory kept mapped for reuse, handed out best fit: the smallest
 * free range that holds a request, its lowest address on a tie, split when larger; ranges
 * given back merge with free neighbours. Only bookkeeping: what the addresses point to is
 * {@link HugePageFloats}' business. Thread-safe.
 */
final class PagePool {

	/** Free ranges: start address to length in bytes, none adjacent to another. */
	private final TreeMap<Long, Long> free = new TreeMap<>();

	private long capacityBytes;

	/** Adds {@code [address, address + bytes)} to the pool, free. */
	synchronized void add(long address, long bytes) {
		capacityBytes += bytes;
		give(address, bytes);
	}

	/**
	 * @return the start of a free range of {@code bytes}, now taken, or empty when no
	 * free range is that long
	 */
	synchronized OptionalLong take(long bytes) {
		Map.Entry<Long, Long> best = null;
		for (Map.Entry<Long, Long> range : free.entrySet()) {
			if (range.getValue() >= bytes && (best == null || range.getValue() < best.getValue())) {
				best = range;
			}
		}
		if (best == null) {
			return OptionalLong.empty();
		}
		long start = best.getKey();
		free.remove(start);
		if (best.getValue() > bytes) {
			free.put(start + bytes, best.getValue() - bytes);
		}
		return OptionalLong.of(start);
	}

	/** Returns {@code [address, address + bytes)}, taken before, to the free ranges. */
	synchronized void give(long address, long bytes) {
		long start = address;
		long length = bytes;
		Map.Entry<Long, Long> before = free.floorEntry(address);
		if (before != null && before.getKey() + before.getValue() == address) {
			start = before.getKey();
			length += before.getValue();
			free.remove(before.getKey());
		}
		Long after = free.get(address + bytes);
		if (after != null) {
			length += after;
			free.remove(address + bytes);
		}
		free.put(start, length);
	}

	/**
	 * The bytes held, taken or free; those free; and the longest free range, the largest
	 * request {@link #take} can serve now: one consistent reading.
	 */
	synchronized FloatAllocator.PoolState state() {
		long freeBytes = free.values().stream().mapToLong(Long::longValue).sum();
		long largest = free.values().stream().mapToLong(Long::longValue).max().orElse(0);
		return new FloatAllocator.PoolState(capacityBytes, freeBytes, largest);
	}

}
