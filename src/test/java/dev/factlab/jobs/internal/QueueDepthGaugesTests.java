package dev.factlab.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.factlab.jobs.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The queue-depth gauges read the database in the background, at most once per interval:
 * a scrape returns at once even while the database hangs, and an outage keeps the last
 * counts while their age grows.
 */
class QueueDepthGaugesTests {

	static final Duration REFRESH = Duration.ofMillis(200);

	final JobStore store = mock(JobStore.class);

	final QueueDepthGauges gauges = new QueueDepthGauges(store, REFRESH);

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	{
		gauges.bindTo(registry);
	}

	@AfterEach
	void stop() {
		gauges.destroy();
	}

	@Test
	void aScrapeNeverWaitsForAHangingDatabaseAndCountsAreNaNUntilRead() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		when(store.countActiveByStatus()).thenAnswer(call -> {
			release.await(10, TimeUnit.SECONDS); // a connection that doesn't come (Hikari
													// waits 2 s)
			return Map.of(JobStatus.QUEUED, 3L, JobStatus.RUNNING, 1L);
		});
		long started = System.nanoTime();
		assertThat(depth("QUEUED")).isNaN();
		assertThat(depth("RUNNING")).isNaN();
		assertThat(age()).isNaN();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> depth("QUEUED") == 3.0);
		assertThat(depth("RUNNING")).isEqualTo(1.0);
		assertThat(age()).isBetween(0.0, 5.0);
	}

	@Test
	void anOutageKeepsTheLastCountsAndTheirAgeGrows() throws Exception {
		when(store.countActiveByStatus()).thenReturn(Map.of(JobStatus.QUEUED, 2L, JobStatus.RUNNING, 5L))
			.thenThrow(new DataAccessResourceFailureException("Failed to obtain JDBC Connection"));
		depth("QUEUED");
		await().atMost(Duration.ofSeconds(5)).until(() -> depth("RUNNING") == 5.0);
		double firstAge = age();

		// later scrapes try again (and fail) at most once per interval; the counts stay
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(depth("QUEUED")).isEqualTo(2.0);
			verify(store, atLeast(3)).countActiveByStatus();
		});
		assertThat(depth("RUNNING")).isEqualTo(5.0);
		assertThat(age()).isGreaterThan(firstAge + REFRESH.toMillis() / 1000.0);
	}

	@Test
	void manyScrapesWithinAnIntervalCountOnce() {
		when(store.countActiveByStatus()).thenReturn(Map.of(JobStatus.QUEUED, 0L, JobStatus.RUNNING, 0L));
		QueueDepthGauges slow = new QueueDepthGauges(store, Duration.ofMinutes(1));
		SimpleMeterRegistry own = new SimpleMeterRegistry();
		slow.bindTo(own);
		try {
			for (int i = 0; i < 50; i++) {
				own.get("factlab.jobs.queue").tag("status", "QUEUED").gauge().value();
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> own.get("factlab.jobs.queue").tag("status", "QUEUED").gauge().value() == 0.0);
			verify(store, times(1)).countActiveByStatus();
		}
		finally {
			slow.destroy();
		}
	}

	private double depth(String status) {
		Gauge gauge = registry.get("factlab.jobs.queue").tag("status", status).gauge();
		return gauge.value();
	}

	private double age() {
		return registry.get("factlab.jobs.queue.age").gauge().value();
	}

}
