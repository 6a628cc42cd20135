package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.factlab.errors.ConflictException;
import dev.factlab.jobs.JobView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Cancels jobs wherever they are: a QUEUED one at once (its execution is removed), a
 * RUNNING one by a flag that its handler sees within about a second, on whichever
 * instance runs it.
 */
@Component
public class Cancellations {

	private static final Logger log = LoggerFactory.getLogger(Cancellations.class);

	private final JobStore store;

	private final LocalRuns local;

	private final Scheduler scheduler;

	private final Clock clock;

	Cancellations(JobStore store, LocalRuns local, Scheduler scheduler, ObjectProvider<Clock> clock) {
		this.store = store;
		this.local = local;
		this.scheduler = scheduler;
		this.clock = StoredTime.clock(clock);
	}

	/**
	 * @param job the job as just read
	 * @return the job after the request, or null when it moved on meanwhile (read it
	 * again and retry)
	 * @throws ConflictException if it already ended
	 */
	public JobView cancel(JobRecord job) {
		UUID id = job.id();
		Instant now = clock.instant();
		switch (job.status()) {
			case QUEUED -> {
				JobRecord cancelled = job.cancel(job.progress(), now);
				if (store.transition(job, cancelled)) {
					removeExecution(id);
					log.info("Job {} cancelled while queued", id);
					return cancelled.view();
				}
			}
			case RUNNING -> {
				if (store.requestCancel(id, now)) {
					boolean here = local.cancel(id);
					log.info("Job {} asked to stop (running {})", id, here ? "here" : "on " + job.runBy());
					// the job as this request left it: RUNNING with the stop asked.
					// Reading
					// it again could already find it CANCELLED, and the answer would
					// depend
					// on a race.
					return job.requestCancel(now).view();
				}
			}
			default -> throw new ConflictException("Job already ended",
					"job %s is %s; only QUEUED or RUNNING jobs can be cancelled".formatted(id, job.status()))
				.with("jobStatus", job.status().name());
		}
		return null;
	}

	private void removeExecution(UUID id) {
		try {
			scheduler.cancel(JobExecutions.instanceId(id));
		}
		catch (RuntimeException ex) {
			// picked meanwhile: the runner finds the job CANCELLED and does nothing
			log.debug("Execution of cancelled job {} not removed: {}", id, ex.getMessage());
		}
	}

}
