package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The BLAS thread lease: each section sees the thread count of its mode, and the count
 * never changes while a section of the other mode is open.
 */
class BlasThreadsTests {

	@Test
	void eachModeSeesItsOwnThreadCountAndSectionsOfOneModeOverlap() throws Exception {
		int[] shared = new int[1];
		BlasThreads.run(BlasThreads.Mode.SHARED, () -> shared[0] = BlasThreads.currentThreads());
		assertThat(shared[0]).isEqualTo(Runtime.getRuntime().availableProcessors());
		CountDownLatch bothInside = new CountDownLatch(2);
		AtomicInteger seen = new AtomicInteger();
		Runnable single = () -> BlasThreads.run(BlasThreads.Mode.SINGLE, () -> {
			bothInside.countDown();
			try {
				assertThat(bothInside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			seen.addAndGet(BlasThreads.currentThreads());
		});
		Thread other = new Thread(single);
		other.start();
		single.run();
		other.join();
		assertThat(seen.get()).as("two single-threaded sections open at once, each with 1 thread").isEqualTo(2);
		BlasThreads.run(BlasThreads.Mode.SHARED, () -> shared[0] = BlasThreads.currentThreads());
		assertThat(shared[0]).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void aSharedCallerWaitsForOpenSingleSectionsAndNewOnesWaitBehindIt() throws Exception {
		CountDownLatch singleOpen = new CountDownLatch(1);
		CountDownLatch releaseSingle = new CountDownLatch(1);
		AtomicInteger sharedThreads = new AtomicInteger(-1);
		AtomicInteger lateSingleThreads = new AtomicInteger(-1);
		Thread lane = new Thread(() -> BlasThreads.run(BlasThreads.Mode.SINGLE, () -> {
			singleOpen.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> releaseSingle.getCount() == 0);
			assertThat(BlasThreads.currentThreads()).isEqualTo(1);
		}));
		lane.start();
		singleOpen.await();
		Thread forward = new Thread(() -> BlasThreads.run(BlasThreads.Mode.SHARED, () -> {
			sharedThreads.set(BlasThreads.currentThreads());
		}));
		forward.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> forward.getState() == Thread.State.WAITING);
		Thread lateLane = new Thread(() -> BlasThreads.run(BlasThreads.Mode.SINGLE, () -> {
			assertThat(sharedThreads.get()).as("the waiting shared caller went first").isPositive();
			lateSingleThreads.set(BlasThreads.currentThreads());
		}));
		lateLane.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> lateLane.getState() == Thread.State.WAITING);
		assertThat(sharedThreads.get()).as("no setter while the single section is open").isEqualTo(-1);
		releaseSingle.countDown();
		lane.join();
		forward.join();
		lateLane.join();
		assertThat(sharedThreads.get()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(lateSingleThreads.get()).isEqualTo(1);
	}

}
