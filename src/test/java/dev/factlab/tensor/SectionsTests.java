package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class SectionsTests {

	@Test
	void everyTaskRunsExactlyOnceWhileOtherCallersRunTheirs() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try {
			List<Future<AtomicIntegerArray>> results = new ArrayList<>();
			for (int caller = 0; caller < 3; caller++) {
				results.add(callers.submit(() -> {
					AtomicIntegerArray runs = new AtomicIntegerArray(1000);
					for (int tasks = 0; tasks < 40; tasks++) {
						int count = tasks;
						AtomicIntegerArray section = new AtomicIntegerArray(count);
						Sections.run(count, section::incrementAndGet);
						for (int t = 0; t < count; t++) {
							runs.addAndGet(t, section.get(t));
						}
					}
					return runs;
				}));
			}
			for (Future<AtomicIntegerArray> result : results) {
				AtomicIntegerArray runs = result.get();
				// task t exists in the sections of t + 1 .. 39 tasks: 39 - t of them
				for (int t = 0; t < 39; t++) {
					assertThat(runs.get(t)).as("task %d", t).isEqualTo(39 - t);
				}
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aTasksFailureReachesTheCallerOnceAllFinishedAndTheNextSectionRuns() {
		AtomicIntegerArray runs = new AtomicIntegerArray(64);
		assertThatThrownBy(() -> Sections.run(64, t -> {
			runs.incrementAndGet(t);
			if (t == 17) {
				throw new IllegalStateException("task 17");
			}
		})).isInstanceOf(IllegalStateException.class).hasMessage("task 17");
		for (int t = 0; t < 64; t++) {
			assertThat(runs.get(t)).as("task %d", t).isEqualTo(1);
		}
		AtomicIntegerArray next = new AtomicIntegerArray(8);
		Sections.run(8, next::incrementAndGet);
		for (int t = 0; t < 8; t++) {
			assertThat(next.get(t)).isEqualTo(1);
		}
	}

}
