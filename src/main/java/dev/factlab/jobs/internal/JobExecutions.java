package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.factlab.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one db-scheduler task that runs jobs: execution "factlab-job" / job id.
 * db-scheduler claims it, heartbeats it and, when the instance running it stops
 * heartbeating, declares it dead: then the job goes back to QUEUED here and the execution
 * is revived, so another instance (or this one, restarted) runs the job again.
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
		Clock time = StoredTime.clock(clock);
		return Tasks.oneTime(TASK)
			.onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_FAILURE))
			.onDeadExecution(new RequeueDeadJob(store, time))
			.execute((instance, context) -> runner.run(UUID.fromString(instance.getId()),
					context.getExecution().pickedBy));
	}

	/**
	 * Puts the job of a dead execution back to QUEUED, then lets db-scheduler revive the
	 * execution.
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
			store.find(id).filter(job -> job.status() == JobStatus.RUNNING).ifPresent(job -> {
				log.warn("Job {} lost its instance {} (last heartbeat {}); it goes back to the queue and runs again",
						id, execution.pickedBy, execution.lastHeartbeat);
				store.transition(job, job.requeue(clock.instant()));
			});
			revive.deadExecution(complete, operations);
		}

	}

}
