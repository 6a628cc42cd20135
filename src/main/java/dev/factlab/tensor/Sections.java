package dev.factlab.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Short parallel sections run back to back (a transformer layer's products): the tasks of
 * a section are claimed one by one by the calling thread and one helper thread per
 * further core. Helpers wait for the next section for {@value #SPIN_MICROS} µs (spinning,
 * then yielding the core to any other runnable thread) before they park: waking a parked
 * thread on this VM took tens of microseconds per section, which one 32-token sentence
 * (24 sections of ≈ 0.1 ms) paid again and again in the common fork-join pool. One
 * section at a time: a caller that finds the helpers busy with another's section runs its
 * tasks alone.
 */
final class Sections {

	/** How long a helper waits for the next section before it parks. */
	private static final long SPIN_MICROS = 200;

	/**
	 * Of {@link #SPIN_MICROS}, how long a helper spins before it yields between looks.
	 */
	private static final long BUSY_SPIN_MICROS = 20;

	private static final Sections SHARED = new Sections(Runtime.getRuntime().availableProcessors() - 1);

	private final Thread[] helpers;

	private final AtomicBoolean busy = new AtomicBoolean();

	private volatile Section current;

	/** Numbers the sections, so that a helper holds no reference to one it has done. */
	private long sections;

	private Sections(int helpers) {
		this.helpers = new Thread[Math.max(0, helpers)];
		for (int i = 0; i < this.helpers.length; i++) {
			Thread thread = new Thread(this::help, "factlab-sections-" + (i + 1));
			thread.setDaemon(true);
			this.helpers[i] = thread;
			thread.start();
		}
	}

	/**
	 * Runs {@code body} for every task in {@code [0, tasks)}, each exactly once, on the
	 * calling thread and the helpers; returns when all have finished.
	 * @param body must not depend on the order of the tasks or the thread that runs one
	 * @throws RuntimeException (or Error) the first a task threw, once all finished
	 */
	static void run(int tasks, IntConsumer body) {
		SHARED.runShared(tasks, body);
	}

	private void runShared(int tasks, IntConsumer body) {
		if (helpers.length == 0 || tasks < 2 || !busy.compareAndSet(false, true)) {
			for (int t = 0; t < tasks; t++) {
				body.accept(t);
			}
			return;
		}
		Section section = new Section(++sections, tasks, body);
		try {
			current = section;
			for (Thread helper : helpers) {
				LockSupport.unpark(helper);
			}
			section.work();
			// the last tasks are a helper's: spin a moment, then yield the core (a helper
			// descheduled by another process's work may need it to finish)
			long waiting = System.nanoTime();
			while (section.done.get() < tasks) {
				if (System.nanoTime() - waiting < BUSY_SPIN_MICROS * 1000) {
					Thread.onSpinWait();
				}
				else {
					Thread.yield();
				}
			}
		}
		finally {
			current = null;
			busy.set(false);
		}
		Throwable failure = section.failure;
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
	}

	private void help() {
		long last = 0;
		long idleSince = System.nanoTime();
		while (true) {
			Section section = current;
			if (section != null && section.number != last) {
				section.work();
				last = section.number;
				idleSince = System.nanoTime();
				continue;
			}
			long idle = (System.nanoTime() - idleSince) / 1000;
			if (idle < BUSY_SPIN_MICROS) {
				Thread.onSpinWait();
			}
			else if (idle < SPIN_MICROS) {
				Thread.yield();
			}
			else {
				LockSupport.park(this);
				idleSince = System.nanoTime();
			}
		}
	}

	/** One section's tasks, claimed in order by whichever thread asks next. */
	private static final class Section {

		private final long number;

		private final int tasks;

		private final IntConsumer body;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger done = new AtomicInteger();

		private volatile Throwable failure;

		Section(long number, int tasks, IntConsumer body) {
			this.number = number;
			this.tasks = tasks;
			this.body = body;
		}

		void work() {
			for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
				try {
					body.accept(t);
				}
				catch (Throwable ex) {
					if (failure == null) {
						failure = ex;
					}
				}
				finally {
					done.incrementAndGet();
				}
			}
		}

	}

}
