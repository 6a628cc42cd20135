package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.factlab.FactLabTest;
import dev.factlab.errors.RetryLaterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * factlab.jobs.max-queued holds when submits race, each on its own database connection
 * and transaction as submits of different instances are: the limit is enforced in the
 * database (a row lock around count and insert), not by a lock in one JVM. On PostgreSQL
 * ({@value PostgresJobLifecycleTests#URL}).
 */
@SpringBootTest(properties = { FactLabTest.FAST_HEARTBEAT, FactLabTest.FAST_POLLING,
		"factlab.jobs.max-queued=" + PostgresQueueLimitTests.LIMIT, "spring.datasource.hikari.maximum-pool-size=20" })
@EnabledIfEnvironmentVariable(named = PostgresJobLifecycleTests.URL, matches = ".+")
class PostgresQueueLimitTests {

	static final int LIMIT = 4;

	static final int RACERS = 16;

	@Autowired
	Jobs jobs;

	@DynamicPropertySource
	static void freshSchema(DynamicPropertyRegistry registry) throws SQLException {
		PostgresJobLifecycleTests.freshSchema(registry);
	}

	@AfterEach
	void cancelWhatIsLeft() {
		JobTesting.cancelAll(jobs);
	}

	@Test
	void racingSubmitsOnSeparateConnectionsNeverOverfillTheQueue() throws Exception {
		ExecutorService racers = Executors.newFixedThreadPool(RACERS);
		CyclicBarrier start = new CyclicBarrier(RACERS);
		List<Future<Boolean>> outcomes = new ArrayList<>();
		for (int i = 0; i < RACERS; i++) {
			outcomes.add(racers.submit(() -> {
				start.await();
				try {
					jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null);
					return true;
				}
				catch (RetryLaterException full) {
					return false;
				}
			}));
		}
		int accepted = 0;
		for (Future<Boolean> outcome : outcomes) {
			accepted += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
		}
		racers.shutdown();

		assertThat(accepted).as("submits accepted out of %d racing for %d places", RACERS, LIMIT).isEqualTo(LIMIT);
		assertThat(jobs.list("QUEUED", null, 0, 100).total() + jobs.list("RUNNING", null, 0, 100).total())
			.as("jobs in the queue")
			.isEqualTo(LIMIT);
	}

}
