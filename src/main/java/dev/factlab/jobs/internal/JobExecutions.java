package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.factlab.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one db-scheduler task that runs jobs: execution "factlab-job" / job id.
 * db-scheduler claims it, heartbeats it and, when the instance running it stops
 * heartbeating, declares it dead: then the execution is revived and the job goes back to
 * QUEUED here, so another instance (or this one, restarted) runs the job again.
 * <p>
 * An instance can be declared dead while it still runs the job: its heartbeats lapse
 * during a database outage longer than db-scheduler's dead limit. Its attempt then learns
 * that another attempt owns the job, stops, and leaves the execution to that attempt.
 */
@Configuration(proxyBeanMethods = false)
public class JobExecutions {

	public static final String TASK = "factlab-job";

	/**
	 * How long an execution waits after its attempt failed to record anything (e.g. the
	 * database was down).
	 */
	static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JobExecutions.class);

	public static TaskInstance<Void> instance(UUID jobId) {
		return new TaskInstance<>(TASK, jobId.toString());
	}

	public static TaskInstanceId instanceId(UUID jobId) {
		return TaskInstanceId.of(TASK, jobId.toString());
	}

	@Bean
	OneTimeTask<Void> factLabJobTask(JobRunner runner, JobStore store, ObjectProvider<Clock> clock) {
		return new JobTask(runner, new RequeueDeadJob(store, StoredTime.clock(clock)));
	}

	/**
	 * Runs an attempt; removes the execution when the attempt ends, unless another
	 * attempt took the job over meanwhile: that attempt's revived execution is the same
	 * row, and removing it would leave the job without one.
	 */
	static final class JobTask extends OneTimeTask<Void> {

		private final JobRunner runner;

		JobTask(JobRunner runner, DeadExecutionHandler<Void> onDeadExecution) {
			super(TASK, Void.class, new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_FAILURE), onDeadExecution);
			this.runner = runner;
		}

		@Override
		public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
			if (runner.run(UUID.fromString(instance.getId()), context.getExecution().pickedBy)) {
				return new CompletionHandler.OnCompleteRemove<>();
			}
			return (complete, operations) -> log
				.info("Job {}: leaving its execution to the attempt that took the job over", instance.getId());
		}

		/**
		 * Never called: {@link #execute} runs the attempt and chooses the completion,
		 * which this method of {@link OneTimeTask} can't.
		 */
		@Override
		public void executeOnce(TaskInstance<Void> instance, ExecutionContext context) {
			throw new UnsupportedOperationException("JobTask runs attempts through execute");
		}

	}

	/**
	 * Revives a dead execution, then puts its job back to QUEUED. In this order because
	 * the attempt thought dead may still be running: once it sees the job QUEUED it stops
	 * and removes its execution, and a revive after that removal would find no execution,
	 * leaving the job QUEUED with none. The revive moves the execution to a new version,
	 * which the old attempt can no longer remove.
	 */
	static final class RequeueDeadJob implements DeadExecutionHandler<Void> {

		private final DeadExecutionHandler<Void> revive = new DeadExecutionHandler.ReviveDeadExecution<>();

		private final JobStore store;

		private final Clock clock;

		RequeueDeadJob(JobStore store, Clock clock) {
			this.store = store;
			this.clock = clock;
		}

		@Override
		public void deadExecution(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			var execution = complete.getExecution();
			UUID id = UUID.fromString(execution.getId());
			try {
				revive.deadExecution(complete, operations);
			}
			catch (ExecutionException changed) {
				// the execution was removed or rescheduled after it was found dead: its
				// attempt ended after all, and the job needs nothing from here
				log.info("Job {}: its execution changed after it was found dead ({}); leaving the job as it is", id,
						changed.getMessage());
				return;
			}
			store.find(id).filter(job -> job.status() == JobStatus.RUNNING).ifPresent(job -> {
				if (store.transition(job, job.requeue(clock.instant()))) {
					log.warn(
							"Job {} lost its instance {} (last heartbeat {}); it goes back to the queue and runs again",
							id, execution.pickedBy, execution.lastHeartbeat);
				}
			});
		}

	}

}
