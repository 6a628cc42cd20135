package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.factlab.jobs.JobLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Once a minute, on every instance: deletes jobs that finished longer than
 * factlab.jobs.retention ago, and gives an execution back to any unfinished job that has
 * none (so no job stays QUEUED or RUNNING for ever, even if its db-scheduler row was
 * deleted by hand). Both are safe to run on several instances at once.
 */
@Component
public class JobMaintenance implements SmartLifecycle {

	static final Duration EVERY = Duration.ofMinutes(1);

	/**
	 * An unfinished job is an orphan only if it has had no execution and no update for
	 * this long.
	 */
	static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(JobMaintenance.class);

	private final JobStore store;

	private final SchedulerClient scheduler;

	private final Duration retention;

	private final Clock clock;

	private ScheduledExecutorService executor;

	@Autowired
	JobMaintenance(JobStore store, SchedulerClient scheduler, JobLimits limits, ObjectProvider<Clock> clock) {
		this(store, scheduler, limits.retention(), StoredTime.clock(clock));
	}

	JobMaintenance(JobStore store, SchedulerClient scheduler, Duration retention, Clock clock) {
		this.store = store;
		this.scheduler = scheduler;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * @return jobs deleted
	 */
	public int deleteExpired() {
		int deleted = store.deleteFinishedBefore(clock.instant().minus(retention));
		if (deleted > 0) {
			log.info("Deleted {} job(s) that finished more than {} ago", deleted, retention);
		}
		return deleted;
	}

	/**
	 * @return jobs that got a new execution
	 */
	public List<UUID> rescheduleOrphans() {
		List<UUID> orphans = store.orphans(JobExecutions.TASK, clock.instant().minus(ORPHAN_GRACE));
		for (UUID id : orphans) {
			if (scheduler.scheduleIfNotExists(JobExecutions.instance(id), Instant.now())) {
				log.warn("Job {} was unfinished without a db-scheduler execution; scheduled it again", id);
			}
		}
		return orphans;
	}

	private void runOnce() {
		try {
			deleteExpired();
			rescheduleOrphans();
		}
		catch (RuntimeException ex) {
			log.warn("Job maintenance failed; trying again in {}: {}", EVERY, ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "job-maintenance");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::runOnce, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

}
