package dev.factlab.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import dev.factlab.FactLabTest;
import dev.factlab.jobs.JobStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The job task's dead-execution and completion rules, on the shared H2 store with
 * db-scheduler's execution operations mocked. The case they guard: an instance declared
 * dead while it still runs the job (its heartbeats lapsed during a database outage). If
 * the job went back to QUEUED before the revive, the running attempt could see that, stop
 * and remove the execution first; the revive then found nothing ("Expected one execution
 * to be updated, but updated 0") and the job sat QUEUED without an execution.
 */
@FactLabTest
class JobExecutionsTests {

	@Autowired
	JobStore store;

	@Test
	void aDeadExecutionIsRevivedWhileItsJobIsStillRunningAndOnlyThenRequeued() {
		JobRecord running = runningJob();
		ExecutionOperations<Void> operations = operations();
		AtomicReference<JobStatus> atRevive = new AtomicReference<>();
		doAnswer(call -> {
			atRevive.set(store.find(running.id()).orElseThrow().status());
			return null;
		}).when(operations).reschedule(any(), any());

		handler().deadExecution(dead(running.id()), operations);

		verify(operations).reschedule(any(), any());
		assertThat(atRevive.get()).as("the job's status when the execution was revived").isEqualTo(JobStatus.RUNNING);
		JobRecord after = store.find(running.id()).orElseThrow();
		assertThat(after.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(after.attempts()).isEqualTo(running.attempts());
	}

	@Test
	void aReviveThatFindsTheExecutionGoneLeavesTheJobAsItIs() {
		JobRecord running = runningJob();
		ExecutionOperations<Void> operations = operations();
		doThrow(new ExecutionException("Expected one execution to be updated, but updated 0. Indicates a bug.",
				JobExecutions.TASK, running.id().toString(), 1))
			.when(operations)
			.reschedule(any(), any());

		handler().deadExecution(dead(running.id()), operations);

		assertThat(store.find(running.id()).orElseThrow()).as("untouched: its attempt ended after all")
			.isEqualTo(running);
	}

	@Test
	void aReviveThatFailsForAnOutageIsTriedAgainLaterWithTheJobUntouched() {
		JobRecord running = runningJob();
		ExecutionOperations<Void> operations = operations();
		doThrow(new DataAccessResourceFailureException("Connection is closed")).when(operations)
			.reschedule(any(), any());

		assertThatThrownBy(() -> handler().deadExecution(dead(running.id()), operations))
			.isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(store.find(running.id()).orElseThrow()).isEqualTo(running);
	}

	@Test
	void anAttemptThatWasTakenOverLeavesTheExecutionAndOneThatEndedRemovesIt() {
		UUID id = UUID.randomUUID();
		JobRunner runner = mock(JobRunner.class);
		ExecutionContext context = mock(ExecutionContext.class);
		when(context.getExecution()).thenReturn(execution(id, "node-a"));
		JobExecutions.JobTask task = new JobExecutions.JobTask(runner, handler());

		when(runner.run(eq(id), anyString())).thenReturn(false);
		ExecutionOperations<Void> takenOver = operations();
		task.execute(JobExecutions.instance(id), context).complete(dead(id), takenOver);
		verifyNoInteractions(takenOver);

		when(runner.run(eq(id), anyString())).thenReturn(true);
		ExecutionOperations<Void> ended = operations();
		task.execute(JobExecutions.instance(id), context).complete(dead(id), ended);
		verify(ended).stop();
	}

	private JobRecord runningJob() {
		Instant now = Instant.now();
		JobRecord running = JobRecord.queued(UUID.randomUUID(), "count", "{}", null, now).start("node-a", now);
		store.insert(running);
		return store.find(running.id()).orElseThrow();
	}

	private JobExecutions.RequeueDeadJob handler() {
		return new JobExecutions.RequeueDeadJob(store, Clock.systemUTC());
	}

	@SuppressWarnings("unchecked")
	private static ExecutionOperations<Void> operations() {
		return mock(ExecutionOperations.class);
	}

	private static ExecutionComplete dead(UUID id) {
		Instant now = Instant.now();
		return ExecutionComplete.failure(execution(id, "node-a"), now, now, null);
	}

	private static Execution execution(UUID id, String pickedBy) {
		Instant longAgo = Instant.now().minusSeconds(3600);
		return new Execution(longAgo, JobExecutions.instance(id), true, pickedBy, null, null, 0, longAgo, 1);
	}

}
