package dev.factlab.jobs.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.factlab.jobs.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The job queue's depth for Prometheus: {@code factlab.jobs.queue{status=QUEUED|RUNNING}}
 * (jobs of all instances) and {@code factlab.jobs.queue.age} (seconds since those counts
 * were read). A scrape never waits for the database: it reads the last counts, and when
 * they are older than {@link #REFRESH} it asks one background thread to count again.
 * While the database is away the counts stay as last read and their age grows; before the
 * first count the gauges are NaN.
 */
@Component
class QueueDepthGauges implements MeterBinder, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);

	/** At most one count per this interval, whatever the scrape rate. */
	static final Duration REFRESH = Duration.ofSeconds(5);

	/**
	 * @param readAtNanos {@link System#nanoTime()} when read
	 */
	private record Counts(Map<JobStatus, Long> byStatus, long readAtNanos) {
	}

	private final JobStore store;

	private final ExecutorService counter = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "factlab-queue-depth");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean counting = new AtomicBoolean();

	private volatile Counts last;

	private volatile long lastAttemptNanos;

	private volatile boolean attempted;

	private final long refreshNanos;

	@Autowired
	QueueDepthGauges(JobStore store) {
		this(store, REFRESH);
	}

	QueueDepthGauges(JobStore store, Duration refresh) {
		this.store = store;
		this.refreshNanos = refresh.toNanos();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (JobStatus status : new JobStatus[] { JobStatus.QUEUED, JobStatus.RUNNING }) {
			Gauge.builder("factlab.jobs.queue", this, gauges -> gauges.count(status))
				.tag("status", status.name())
				.description("Jobs of all instances in this status, as last counted (at most every 5 s)")
				.register(registry);
		}
		Gauge.builder("factlab.jobs.queue.age", this, QueueDepthGauges::ageSeconds)
			.baseUnit("seconds")
			.description("Seconds since factlab.jobs.queue was counted; grows while the database is away")
			.register(registry);
	}

	private double count(JobStatus status) {
		refreshIfStale();
		Counts counts = last;
		return counts == null ? Double.NaN : counts.byStatus().get(status);
	}

	private double ageSeconds() {
		Counts counts = last;
		return counts == null ? Double.NaN : (System.nanoTime() - counts.readAtNanos()) / 1e9;
	}

	/** Starts a count in the background unless one ran within {@link #REFRESH}. */
	private void refreshIfStale() {
		long now = System.nanoTime();
		if (attempted && now - lastAttemptNanos < refreshNanos || !counting.compareAndSet(false, true)) {
			return;
		}
		attempted = true;
		lastAttemptNanos = now;
		try {
			counter.execute(this::refresh);
		}
		catch (RuntimeException rejected) {
			counting.set(false);
		}
	}

	private void refresh() {
		try {
			last = new Counts(store.countActiveByStatus(), System.nanoTime());
		}
		catch (RuntimeException ex) {
			log.debug("Could not count the job queue for factlab.jobs.queue; keeping the last counts", ex);
		}
		finally {
			counting.set(false);
		}
	}

	@Override
	public void destroy() {
		counter.shutdownNow();
	}

}
