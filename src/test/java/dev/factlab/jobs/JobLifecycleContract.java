package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.jobs.internal.JobExecutions;
import dev.factlab.jobs.internal.JobRecord;
import dev.factlab.jobs.internal.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job system against a real database and a running db-scheduler: the same tests run
 * on H2 (the shared test context) and on PostgreSQL (Testcontainers where Docker runs,
 * else the database in FACTLAB_TEST_POSTGRES_URL).
 */
abstract class JobLifecycleContract {

	static final Duration CANCEL_BUDGET = Duration.ofSeconds(2);

	@Autowired
	Jobs jobs;

	@Autowired
	JobStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobLimits limits;

	@AfterEach
	void cancelWhatIsLeft() {
		JobTesting.cancelAll(jobs);
	}

	@Test
	void aSubmittedJobRunsToSuccessWithItsResultAndProgress() {
		JobView queued = jobs.submit(CountJob.KIND, CountJob.Spec.quick(5), null).job();
		assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);

		JobView done = JobTesting.awaitStatus(jobs, queued.id(), JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		assertThat(done.progress().fraction()).isEqualTo(1.0);
		assertThat(done.progress().step()).isEqualTo("count");
		assertThat(done.progress().metrics()).containsEntry("step", 5);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.runBy()).isNotBlank();
		assertThat(done.startedAt()).isAfterOrEqualTo(done.createdAt());
		assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
		assertThat(done.error()).isNull();
		assertThat(jobs.result(queued.id(), CountJob.Result.class)).isEqualTo(new CountJob.Result(5, 1));
		// db-scheduler deletes the execution after the handler returns, and the handler
		// has
		// already written SUCCEEDED: await the deletion rather than race it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(executionRows(queued.id())).as("db-scheduler removed the finished execution")
						.isZero());
	}

	@Test
	void cancellingARunningJobStopsItsComputationWithinTwoSeconds() throws InterruptedException {
		UUID id = jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null).job().id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> CountJob.computed.containsKey(id) && CountJob.computed.get(id).get() > 3);

		long start = System.nanoTime();
		JobView asked = jobs.cancel(id);
		assertThat(asked.cancelRequested()).isTrue();
		JobView cancelled = JobTesting.awaitStatus(jobs, id, JobStatus.CANCELLED, CANCEL_BUDGET);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CANCEL_BUDGET);
		assertThat(cancelled.finishedAt()).isNotNull();

		int counted = CountJob.computed.get(id).get();
		Thread.sleep(300);
		assertThat(CountJob.computed.get(id).get()).as("no more steps after CANCELLED").isEqualTo(counted);
		assertThatThrownBy(() -> jobs.cancel(id)).isInstanceOf(ConflictException.class);
	}

	@Test
	void aQueuedJobIsCancelledAtOnceAndNeverRuns() {
		UUID running = jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null).job().id();
		JobTesting.awaitStatus(jobs, running, JobStatus.RUNNING, Duration.ofSeconds(20));
		UUID queued = jobs.submit(CountJob.KIND, CountJob.Spec.quick(3), null).job().id();

		JobView cancelled = jobs.cancel(queued);
		assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(executionRows(queued)).as("its db-scheduler execution is gone").isZero();

		jobs.cancel(running);
		JobTesting.awaitStatus(jobs, running, JobStatus.CANCELLED, CANCEL_BUDGET);
		assertThat(CountJob.computed).doesNotContainKey(queued);
		assertThat(jobs.find(queued).startedAt()).isNull();
	}

	@Test
	void aFailingHandlerFailsTheJobWithItsMessageAndStep() {
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(5, 5, 3, null), null).job().id();
		JobView failed = JobTesting.awaitStatus(jobs, id, JobStatus.FAILED, Duration.ofSeconds(20));
		assertThat(failed.error().code()).isEqualTo(JobError.HANDLER_FAILED);
		assertThat(failed.error().message()).isEqualTo("counting failed on purpose at step 3");
		assertThat(failed.error().step()).isEqualTo("count");
		assertThatThrownBy(() -> jobs.resultJson(id)).isInstanceOfSatisfying(ConflictException.class, ex -> {
			assertThat(ex.getMessage()).contains("FAILED: counting failed on purpose at step 3");
		});
	}

	@Test
	void anIdempotencyKeyReturnsTheSameJobAndRefusesAnotherSpec() {
		String key = "retry-" + UUID.randomUUID();
		JobSubmission first = jobs.submit(CountJob.KIND, CountJob.Spec.quick(2), key);
		JobSubmission again = jobs.submit(CountJob.KIND, CountJob.Spec.quick(2), key);
		assertThat(first.replayed()).isFalse();
		assertThat(again.replayed()).isTrue();
		assertThat(again.job().id()).isEqualTo(first.job().id());
		assertThatThrownBy(() -> jobs.submit(CountJob.KIND, CountJob.Spec.quick(3), key))
			.isInstanceOfSatisfying(ConflictException.class, ex -> {
				assertThat(ex.properties()).containsEntry("jobId", first.job().id().toString());
			});
		JobTesting.awaitStatus(jobs, first.job().id(), JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		assertThat(jobs.submit(CountJob.KIND, CountJob.Spec.quick(2), key).job().status())
			.as("a replay after the job ended still returns it")
			.isEqualTo(JobStatus.SUCCEEDED);
	}

	@Test
	void theQueueIsBoundedWithRetryAfter() {
		for (int i = 0; i < limits.maxQueued(); i++) {
			jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null);
		}
		assertThatThrownBy(() -> jobs.submit(CountJob.KIND, CountJob.Spec.quick(1), null))
			.isInstanceOfSatisfying(RetryLaterException.class, ex -> {
				assertThat(ex.properties()).containsEntry("limit", (long) limits.maxQueued());
				assertThat(ex.retryAfterSeconds()).isEqualTo(limits.queueFullRetryAfter().toSeconds());
			});
	}

	@Test
	void aSpecOverTheHandlersLimitIsRefusedBeforeAnythingIsStored() {
		long before = jobs.list(null, CountJob.KIND, 0, 1).total();
		assertThatThrownBy(
				() -> jobs.submit(CountJob.KIND, new CountJob.Spec(CountJob.MAX_STEPS + 1, 1, null, null), null))
			.isInstanceOf(LimitExceededException.class);
		assertThatThrownBy(() -> jobs.submit("no-such-kind", CountJob.Spec.quick(1), null))
			.isInstanceOf(InvalidInputException.class);
		assertThat(jobs.list(null, CountJob.KIND, 0, 1).total()).isEqualTo(before);
	}

	@Test
	void artifactsAreStoredAndServedWhole() {
		int size = 4_000_000;
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(2, 1, null, size), null).job().id();
		JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(30));
		assertThat(jobs.artifacts(id)).singleElement().satisfies(artifact -> {
			assertThat(artifact.name()).isEqualTo(CountJob.ARTIFACT);
			assertThat(artifact.sizeBytes()).isEqualTo(size);
			assertThat(artifact.href()).isEqualTo("/api/v1/jobs/" + id + "/artifacts/" + CountJob.ARTIFACT);
		});
		byte[] bytes = jobs.artifact(id, CountJob.ARTIFACT).bytes();
		assertThat(bytes).hasSize(size);
		assertThat(bytes[size - 1]).isEqualTo((byte) ((size - 1) % 251));
		assertThatThrownBy(() -> jobs.artifact(id, "nope")).isInstanceOfSatisfying(NotFoundException.class,
				ex -> assertThat(ex.properties()).containsEntry("known", List.of(CountJob.ARTIFACT)));
	}

	/**
	 * Restart recovery without killing a JVM: the state a kill -9 leaves behind (a
	 * RUNNING job whose execution was picked by an instance that stopped heartbeating) is
	 * written by hand; this instance's db-scheduler must declare it dead, and the job
	 * must run again and succeed.
	 */
	@Test
	void aJobWhoseInstanceDiedRunsAgainAndSucceeds() {
		UUID id = deadInstanceLeftRunning(CountJob.Spec.quick(3), 1);
		JobView done = JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(40));
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.runBy()).isNotEqualTo("dead-instance");
		assertThat(jobs.result(id, CountJob.Result.class)).isEqualTo(new CountJob.Result(3, 2));
	}

	@Test
	void aJobThatKeepsLosingItsInstanceFailsAfterMaxAttempts() {
		UUID id = deadInstanceLeftRunning(CountJob.Spec.quick(3), limits.maxAttempts());
		JobView failed = JobTesting.awaitStatus(jobs, id, JobStatus.FAILED, Duration.ofSeconds(40));
		assertThat(failed.error().code()).isEqualTo(JobError.TOO_MANY_ATTEMPTS);
		assertThat(failed.error().message()).contains("started " + limits.maxAttempts() + " times");
		assertThat(CountJob.computed).doesNotContainKey(id);
	}

	/**
	 * A RUNNING job at the given attempt, with an execution picked an hour ago by an
	 * instance that is gone.
	 */
	UUID deadInstanceLeftRunning(CountJob.Spec spec, int attempts) {
		Instant longAgo = Instant.now().minus(Duration.ofHours(1));
		JobRecord job = JobRecord.queued(UUID.randomUUID(), CountJob.KIND, JobTesting.json(spec), null, longAgo);
		for (int i = 0; i < attempts; i++) {
			job = job.start("dead-instance", longAgo);
			if (i < attempts - 1) {
				job = job.requeue(longAgo);
			}
		}
		store.insert(job);
		OffsetDateTime then = OffsetDateTime.ofInstant(longAgo, ZoneOffset.UTC);
		jdbc.sql("insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by, "
				+ "last_heartbeat, version, priority) values (?, ?, null, ?, true, 'dead-instance', ?, 1, 0)")
			.params(JobExecutions.TASK, job.id().toString(), then, then)
			.update();
		return job.id();
	}

	int executionRows(UUID id) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(JobExecutions.TASK, id.toString())
			.query(Integer.class)
			.single();
	}

}
