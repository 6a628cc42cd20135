package dev.factlab.tensor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.factlab.errors.LimitExceededException;

/**
 * The one budget of the memory that numeric data holds, models, forward-pass workspaces,
 * off-heap copies and job tiles alike: whoever allocates reserves first and closes the
 * {@link Reservation} when the memory is freed. A reservation that doesn't fit is refused
 * with a {@link LimitExceededException} naming the budget and what holds it, before
 * anything is allocated, so a request never meets JavaCPP's own {@code OutOfMemoryError}.
 * <p>
 * Usage, in the shape the other modules use it: <pre>{@code
 * try (MemoryBudget.Reservation r = budget.reserve(bytes, MemoryBudget.JOBS)) {
 *     ... allocate and use at most bytes ...
 * }
 * }</pre> Thread-safe. The Spring bean is made from {@link TensorLimits}; code without
 * Spring (benchmarks, unit tests) uses {@link #unlimited()}.
 */
public final class MemoryBudget {

	/**
	 * The use of model weights and what else models hold (directions, labels, copies).
	 */
	public static final String MODELS = "models";

	/** The use of reusable forward-pass buffers. */
	public static final String WORKSPACES = "workspaces";

	/** The use of off-heap copies that products make of heap matrices. */
	public static final String CACHES = "caches";

	/** The use of running jobs' vectors, gradients and tiles. */
	public static final String JOBS = "jobs";

	private final long capacityBytes;

	private final String setting;

	private final Map<String, Long> used = new TreeMap<>();

	private long usedBytes;

	/**
	 * @param capacityBytes the most all reservations together may hold, at least 0
	 * @param setting how to raise it, for error messages (e.g. the property key)
	 */
	public MemoryBudget(long capacityBytes, String setting) {
		if (capacityBytes < 0) {
			throw new IllegalArgumentException("capacity must not be negative but was " + capacityBytes);
		}
		this.capacityBytes = capacityBytes;
		this.setting = setting;
		for (String use : new String[] { MODELS, WORKSPACES, CACHES, JOBS }) {
			used.put(use, 0L);
		}
	}

	/** A budget that refuses nothing, for code that runs without Spring. */
	public static MemoryBudget unlimited() {
		return new MemoryBudget(Long.MAX_VALUE, "no limit");
	}

	/**
	 * Holds {@code bytes} of the budget for {@code what} until the reservation is closed.
	 * @param what the use the bytes are counted under, e.g. {@link #MODELS} or
	 * {@link #JOBS}
	 * @throws LimitExceededException when fewer than {@code bytes} are free
	 */
	public Reservation reserve(long bytes, String what) {
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative but was " + bytes);
		}
		synchronized (this) {
			if (bytes > capacityBytes - usedBytes) {
				throw new LimitExceededException(
						"memory budget for %s (%s; in use: %s)".formatted(what, setting, describeUse()), capacityBytes,
						usedBytes + bytes, "bytes")
					.with("use", what)
					.with("usedBytes", usedBytes)
					.with("bytesFor" + capitalise(what), bytes);
			}
			add(what, bytes);
		}
		return new Reservation(bytes, what);
	}

	/**
	 * Like {@link #reserve} but answers null instead of throwing when the bytes don't
	 * fit, for work that has a cheaper way without them.
	 */
	public Reservation tryReserve(long bytes, String what) {
		synchronized (this) {
			if (bytes < 0 || bytes > capacityBytes - usedBytes) {
				return null;
			}
			add(what, bytes);
		}
		return new Reservation(bytes, what);
	}

	public long capacityBytes() {
		return capacityBytes;
	}

	public synchronized long usedBytes() {
		return usedBytes;
	}

	/** What the budget holds now. */
	public synchronized Usage usage() {
		return new Usage(capacityBytes, usedBytes, Map.copyOf(used));
	}

	/**
	 * @param capacityBytes the budget
	 * @param usedBytes all reservations together
	 * @param byUse bytes per use ({@link #MODELS}, {@link #WORKSPACES}, {@link #CACHES},
	 * {@link #JOBS}, and any other use a module reserved under)
	 */
	public record Usage(long capacityBytes, long usedBytes, Map<String, Long> byUse) {

		public Usage {
			byUse = Map.copyOf(byUse);
		}

		/** Bytes reserved under {@code use}, 0 when none. */
		public long bytes(String use) {
			return byUse.getOrDefault(use, 0L);
		}

	}

	private void add(String what, long bytes) {
		usedBytes += bytes;
		used.merge(what, bytes, Long::sum);
	}

	private synchronized void release(String what, long bytes) {
		usedBytes -= bytes;
		used.merge(what, -bytes, Long::sum);
	}

	private String describeUse() {
		StringBuilder text = new StringBuilder();
		used.forEach((use, bytes) -> {
			if (bytes > 0) {
				text.append(text.isEmpty() ? "" : ", ").append(use).append(' ').append("%,d".formatted(bytes));
			}
		});
		return text.isEmpty() ? "nothing" : text + " bytes";
	}

	private static String capitalise(String what) {
		return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
	}

	/**
	 * Bytes held of a {@link MemoryBudget} until {@link #close()}, which is idempotent.
	 */
	public final class Reservation implements AutoCloseable {

		private final long bytes;

		private final String what;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Reservation(long bytes, String what) {
			this.bytes = bytes;
			this.what = what;
		}

		public long bytes() {
			return bytes;
		}

		public String what() {
			return what;
		}

		/** Gives the bytes back to the budget (once; later calls do nothing). */
		@Override
		public void close() {
			if (closed.compareAndSet(false, true)) {
				release(what, bytes);
			}
		}

	}

}
