package dev.factlab.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.factlab.jobs.JobError;
import dev.factlab.jobs.JobProgress;
import dev.factlab.jobs.JobStatus;
import org.junit.jupiter.api.Test;

/**
 * The named transitions: what each one changes, and that each throws on a move the table
 * doesn't allow.
 */
class JobRecordTests {

	static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

	static final Instant T1 = T0.plusSeconds(1);

	static final Instant T2 = T0.plusSeconds(2);

	final JobRecord queued = JobRecord.queued(UUID.randomUUID(), "count", "{\"steps\":3}", "key-1", T0);

	final JobProgress halfway = new JobProgress(0.5, "count", Map.of("step", 2), "counted 2", T1);

	@Test
	void startIsANewAttemptFromScratch() {
		JobRecord running = queued.start("node-a", T1);
		assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
		assertThat(running.attempts()).isEqualTo(1);
		assertThat(running.runBy()).isEqualTo("node-a");
		assertThat(running.startedAt()).isEqualTo(T1);
		assertThat(running.updatedAt()).isEqualTo(T1);
		assertThat(running.createdAt()).isEqualTo(T0);

		JobRecord again = running.requeue(T2).start("node-b", T2);
		assertThat(again.attempts()).isEqualTo(2);
		assertThat(again.runBy()).isEqualTo("node-b");
		assertThat(again.progress()).isEqualTo(JobProgress.NONE);
	}

	@Test
	void succeedKeepsTheLastReportAtFractionOne() {
		JobRecord done = queued.start("node-a", T1).succeed(halfway, T2);
		assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(done.finishedAt()).isEqualTo(T2);
		assertThat(done.progress().fraction()).isEqualTo(1.0);
		assertThat(done.progress().step()).isEqualTo("count");
		assertThat(done.progress().metrics()).isEqualTo(Map.of("step", 2));
	}

	@Test
	void failCarriesTheError() {
		JobError error = new JobError(JobError.HANDLER_FAILED, "boom at step 2", "count");
		JobRecord failed = queued.start("node-a", T1).fail(error, halfway, T2);
		assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
		assertThat(failed.error()).isEqualTo(error);
		assertThat(failed.progress()).isEqualTo(halfway);
		assertThat(failed.finishedAt()).isEqualTo(T2);
	}

	@Test
	void cancelWorksFromQueuedAndFromRunning() {
		assertThat(queued.cancel(queued.progress(), T1).status()).isEqualTo(JobStatus.CANCELLED);
		JobRecord cancelled = queued.start("node-a", T1).cancel(halfway, T2);
		assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(cancelled.finishedAt()).isEqualTo(T2);
	}

	@Test
	void requeueKeepsTheAttemptCountAndClearsNothingElseButTheEnd() {
		JobRecord requeued = queued.start("node-a", T1).requeue(T2);
		assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(requeued.attempts()).isEqualTo(1);
		assertThat(requeued.finishedAt()).isNull();
		assertThat(requeued.updatedAt()).isEqualTo(T2);
	}

	@Test
	void handBackOnShutdownGivesTheAttemptBack() {
		JobRecord running = queued.start("node-a", T1);
		JobRecord handedBack = running.handBack(T2);
		assertThat(handedBack.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(handedBack.attempts()).isZero();
		assertThat(handedBack.start("node-b", T2).attempts()).isEqualTo(1);
		assertThatThrownBy(() -> queued.handBack(T1)).isInstanceOf(JobStatus.IllegalJobTransitionException.class);
	}

	@Test
	void illegalMovesThrow() {
		JobError error = new JobError(JobError.HANDLER_FAILED, "boom", null);
		assertThatThrownBy(() -> queued.succeed(halfway, T1))
			.isInstanceOf(JobStatus.IllegalJobTransitionException.class);
		assertThatThrownBy(() -> queued.fail(error, halfway, T1))
			.isInstanceOf(JobStatus.IllegalJobTransitionException.class);
		assertThatThrownBy(() -> queued.requeue(T1)).isInstanceOf(JobStatus.IllegalJobTransitionException.class);
		JobRecord running = queued.start("node-a", T1);
		assertThatThrownBy(() -> running.start("node-b", T2))
			.isInstanceOf(JobStatus.IllegalJobTransitionException.class);
		for (JobRecord ended : new JobRecord[] { running.succeed(halfway, T2), running.fail(error, halfway, T2),
				running.cancel(halfway, T2) }) {
			assertThatThrownBy(() -> ended.start("node-b", T2))
				.isInstanceOf(JobStatus.IllegalJobTransitionException.class);
			assertThatThrownBy(() -> ended.cancel(halfway, T2))
				.isInstanceOf(JobStatus.IllegalJobTransitionException.class);
			assertThatThrownBy(() -> ended.requeue(T2)).isInstanceOf(JobStatus.IllegalJobTransitionException.class);
		}
	}

	@Test
	void anErrorBelongsToFailedJobsOnly() {
		JobError error = new JobError(JobError.HANDLER_FAILED, "boom", null);
		assertThatThrownBy(() -> new JobRecord(queued.id(), "count", JobStatus.SUCCEEDED, "{}", JobProgress.NONE, error,
				null, false, 1, "a", T0, T0, T1, T1))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new JobRecord(queued.id(), "count", JobStatus.FAILED, "{}", JobProgress.NONE, null,
				null, false, 1, "a", T0, T0, T1, T1))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
