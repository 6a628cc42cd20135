package dev.factlab.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.factlab.FactLabTest;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention and orphan repair, on the shared H2 with a clock moved by hand: maintenance
 * built here, with its own clock, runs against the same tables and scheduler as the
 * application.
 */
@FactLabTest
class JobMaintenanceTests {

	@Autowired
	JobStore store;

	@Autowired
	JobArtifacts artifacts;

	@Autowired
	SchedulerClient scheduler;

	@Test
	void finishedJobsAreDeletedOnceTheRetentionHasPassed() {
		Instant now = Instant.now();
		MutableClock clock = new MutableClock(now);
		JobRecord old = JobRecord.queued(UUID.randomUUID(), "count", "{}", null, now)
			.start("node-a", now)
			.succeed(JobProgress.NONE, now);
		store.insert(old);
		artifacts.save(old.id(), "a.bin", "application/octet-stream", new byte[10], now);
		JobMaintenance maintenance = new JobMaintenance(store, scheduler, Duration.ofDays(30), clock);

		clock.advance(Duration.ofDays(29));
		maintenance.deleteExpired();
		assertThat(store.find(old.id())).isPresent();

		clock.advance(Duration.ofDays(2));
		assertThat(maintenance.deleteExpired()).isGreaterThanOrEqualTo(1);
		assertThat(store.find(old.id())).isEmpty();
		assertThat(artifacts.list(old.id())).isEmpty();
	}

	@Test
	void anUnfinishedJobWithoutAnExecutionIsScheduledAgain() {
		Instant now = Instant.now();
		MutableClock clock = new MutableClock(now);
		JobRecord orphan = JobRecord.queued(UUID.randomUUID(), "count", "{\"steps\":1,\"stepMillis\":1}", null, now);
		store.insert(orphan);
		JobMaintenance maintenance = new JobMaintenance(store, scheduler, Duration.ofDays(30), clock);

		assertThat(maintenance.rescheduleOrphans()).as("within the grace period").doesNotContain(orphan.id());
		clock.advance(JobMaintenance.ORPHAN_GRACE.plusSeconds(1));
		assertThat(maintenance.rescheduleOrphans()).contains(orphan.id());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> store.find(orphan.id()).orElseThrow().status() == JobStatus.SUCCEEDED);
	}

}
