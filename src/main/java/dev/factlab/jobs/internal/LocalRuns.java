package dev.factlab.jobs.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The attempts running on this instance. A DELETE that lands here flips the job's flag at
 * once; on shutdown every run is asked to stop and given a few seconds to put its job
 * back in the queue before db-scheduler stops.
 */
@Component
public class LocalRuns implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LocalRuns.class);

	static final long SHUTDOWN_WAIT_MILLIS = 10_000;

	private final Map<UUID, RunContext> running = new ConcurrentHashMap<>();

	private volatile boolean shuttingDown;

	private volatile boolean started;

	void add(RunContext context) {
		running.put(context.jobId(), context);
	}

	void remove(RunContext context) {
		running.remove(context.jobId(), context);
	}

	/**
	 * @return true if the job runs here (its flag is now set)
	 */
	public boolean cancel(UUID jobId) {
		RunContext context = running.get(jobId);
		if (context != null) {
			context.cancel();
		}
		return context != null;
	}

	boolean shuttingDown() {
		return shuttingDown;
	}

	/**
	 * Also after a {@link #stop()} without a close (Spring's test framework pauses cached
	 * contexts that way).
	 */
	@Override
	public void start() {
		shuttingDown = false;
		started = true;
	}

	@Override
	public void stop() {
		shuttingDown = true;
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_WAIT_MILLIS);
		if (!running.isEmpty()) {
			log.info("Shutting down: asking {} running job(s) to stop and go back to the queue: {}", running.size(),
					running.keySet());
		}
		while (!running.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!running.isEmpty()) {
			log.warn("Job(s) {} did not stop within {} ms; db-scheduler will run them again once their heartbeat "
					+ "is stale", running.keySet(), SHUTDOWN_WAIT_MILLIS);
		}
		started = false;
	}

	@Override
	public boolean isRunning() {
		return started;
	}

}
