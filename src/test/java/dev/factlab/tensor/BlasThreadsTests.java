package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The BLAS thread lease: each section sees the thread count of its mode, and the count
 * never changes while a section of the other mode is open; neither mode starves the
 * other.
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

	@Test
	void singleSectionsAreNotStarvedByBackToBackLongSharedSections() throws Exception {
		// Handing over section by section, 200 single sections of 1 ms behind 40 ms
		// shared
		// ones take 8 s (11.8 s measured); with time slices, a handful of slices.
		assertNeitherStarves(hammer(BlasThreads.Mode.SHARED, 40, 2, BlasThreads.Mode.SINGLE, 200), 4.0);
	}

	@Test
	void sharedSectionsAreNotStarvedByBackToBackSingleLanes() throws Exception {
		assertNeitherStarves(hammer(BlasThreads.Mode.SINGLE, 5, 2, BlasThreads.Mode.SHARED, 40), 5.0);
	}

	private static void assertNeitherStarves(Run run, double maxCallerSeconds) {
		assertThat(run.wrongThreads()).as("sections that saw the other mode's thread count").isZero();
		assertThat(run.callerSeconds()).as("the caller's sections meanwhile").isLessThan(maxCallerSeconds);
		assertThat(run.hammerSections()).as("the hammering lanes kept running meanwhile").isGreaterThan(1);
	}

	/**
	 * {@code lanes} threads run sections of {@code hammered} back to back, each holding
	 * it for {@code sectionMillis} (a GEMM), while this thread runs {@code sections}
	 * empty sections of {@code caller}. Every section checks OpenBLAS's thread count at
	 * its start and its end.
	 */
	private static Run hammer(BlasThreads.Mode hammered, long sectionMillis, int lanes, BlasThreads.Mode caller,
			int sections) throws Exception {
		int shared = Runtime.getRuntime().availableProcessors();
		AtomicInteger wrong = new AtomicInteger();
		AtomicLong hammerSections = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		Thread[] threads = new Thread[lanes];
		for (int i = 0; i < lanes; i++) {
			threads[i] = new Thread(() -> {
				while (!stop.get()) {
					BlasThreads.run(hammered,
							() -> spin(sectionMillis, hammered == BlasThreads.Mode.SINGLE ? 1 : shared, wrong));
					hammerSections.incrementAndGet();
				}
			});
			threads[i].start();
		}
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> hammerSections.get() > 0);
			long start = System.nanoTime();
			int expected = caller == BlasThreads.Mode.SINGLE ? 1 : shared;
			for (int i = 0; i < sections; i++) {
				BlasThreads.run(caller, () -> spin(1, expected, wrong));
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long before = hammerSections.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> hammerSections.get() > before);
			return new Run(seconds, hammerSections.get(), wrong.get());
		}
		finally {
			stop.set(true);
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	/**
	 * A section's work: busy for {@code millis}, checking the thread count at both ends.
	 */
	private static void spin(long millis, int expectedThreads, AtomicInteger wrong) {
		int before = BlasThreads.currentThreads();
		long until = System.nanoTime() + millis * 1_000_000;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
		if (before != expectedThreads || BlasThreads.currentThreads() != expectedThreads) {
			wrong.incrementAndGet();
		}
	}

	private record Run(double callerSeconds, long hammerSections, int wrongThreads) {
	}

}
