package dev.factlab.jobs.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.factlab.errors.DatabaseOutages;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.jobs.JobLimits;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Event streams of jobs. Every {@link #POLL} one reader fetches, in one
 * query, the jobs that open streams follow (so it follows a job wherever it runs), and
 * hands each stream the latest state: a {@code progress} event whenever the job changed,
 * then one {@code status} event with the final state, then the stream closes. Sending
 * happens on a pool of one thread per allowed stream, never on the reader: a client that
 * stops reading blocks only its own stream, which skips to the latest state once it
 * drains. At most factlab.jobs.max-event-streams are open per instance.
 */
@Component
class JobEventStreams implements DisposableBean {

	static final Duration POLL = Duration.ofMillis(300);

	static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

	private final Jobs jobs;

	private final JobLimits limits;

	private final Semaphore permits;

	private final Set<Stream> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong reads = new AtomicLong();

	private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(daemon("job-events"));

	private final ExecutorService senders;

	JobEventStreams(Jobs jobs, JobLimits limits) {
		this.jobs = jobs;
		this.limits = limits;
		this.permits = new Semaphore(limits.maxEventStreams());
		this.senders = Executors.newFixedThreadPool(limits.maxEventStreams(), daemon("job-events-send"));
		reader.scheduleWithFixedDelay(this::read, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * @throws NotFoundException for an unknown job
	 * @throws RetryLaterException when too many streams are open
	 */
	SseEmitter open(UUID id) {
		JobView job = jobs.find(id);
		if (!permits.tryAcquire()) {
			throw new RetryLaterException("open job event streams (factlab.jobs.max-event-streams)",
					limits.maxEventStreams(), RETRY_AFTER);
		}
		Stream stream = new Stream(id, new SseEmitter(limits.eventStreamTimeout().toMillis()));
		stream.emitter.onCompletion(stream::close);
		stream.emitter.onTimeout(() -> {
			// end the stream cleanly; the client reconnects if it still cares
			stream.emitter.complete();
			stream.close();
		});
		stream.emitter.onError(error -> stream.close());
		open.add(stream);
		stream.offer(job);
		return stream.emitter;
	}

	/** One read of every followed job, shared by all streams. */
	private void read() {
		if (open.isEmpty()) {
			return;
		}
		Set<UUID> ids = open.stream().map(stream -> stream.id).collect(Collectors.toSet());
		Map<UUID, JobView> found;
		try {
			found = jobs.findAll(ids);
			reads.incrementAndGet();
		}
		catch (RuntimeException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				log.debug("Event streams wait for the database: {}", ex.getMessage());
			}
			else {
				log.warn("Reading the jobs of the event streams failed; trying again: {}", ex.toString());
			}
			return;
		}
		for (Stream stream : open) {
			JobView job = found.get(stream.id);
			if (job == null) {
				// deleted meanwhile
				stream.emitter.complete();
				stream.close();
			}
			else {
				stream.offer(job);
			}
		}
	}

	@Override
	public void destroy() {
		reader.shutdownNow();
		senders.shutdownNow();
		open.forEach(stream -> {
			stream.emitter.complete();
			stream.close();
		});
	}

	private final class Stream {

		final UUID id;

		final SseEmitter emitter;

		final AtomicBoolean closed = new AtomicBoolean();

		/** The newest state not yet handed to the client; older ones are skipped. */
		final AtomicReference<JobView> pending = new AtomicReference<>();

		final AtomicBoolean sending = new AtomicBoolean();

		/** When the write in progress began (System.nanoTime), or 0. */
		volatile long writingSince;

		long sequence;

		JobView last;

		long lastSentNanos = System.nanoTime();

		Stream(UUID id, SseEmitter emitter) {
			this.id = id;
			this.emitter = emitter;
		}

		/** Hands the latest state to this stream's sender, without waiting for it. */
		void offer(JobView job) {
			pending.set(job);
			if (!closed.get() && sending.compareAndSet(false, true)) {
				try {
					senders.execute(this::drain);
				}
				catch (RejectedExecutionException shutDown) {
					close();
				}
			}
		}

		private void drain() {
			while (true) {
				JobView job = pending.getAndSet(null);
				if (job != null) {
					push(job);
					continue;
				}
				sending.set(false);
				if (pending.get() == null || !sending.compareAndSet(false, true)) {
					return;
				}
			}
		}

		private void push(JobView job) {
			if (closed.get()) {
				return;
			}
			try {
				if (job.status().isTerminal()) {
					send("status", job);
					emitter.complete();
					close();
				}
				else if (last == null || changed(last, job)) {
					send("progress", job);
				}
				else if (System.nanoTime() - lastSentNanos > KEEP_ALIVE.toNanos()) {
					emitter.send(SseEmitter.event().comment("keep-alive"));
					lastSentNanos = System.nanoTime();
				}
				last = job;
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away
				close();
			}
		}

		private void send(String name, JobView job) throws IOException {
			writingSince = System.nanoTime();
			try {
				emitter.send(SseEmitter.event()
					.id(Long.toString(++sequence))
					.name(name)
					.data(job, MediaType.APPLICATION_JSON));
			}
			finally {
				writingSince = 0;
			}
			lastSentNanos = System.nanoTime();
		}

		private static boolean changed(JobView before, JobView now) {
			return before.status() != now.status() || before.cancelRequested() != now.cancelRequested()
					|| !Objects.equals(before.updatedAt(), now.updatedAt())
					|| !Objects.equals(before.progress(), now.progress());
		}

		void close() {
			if (closed.compareAndSet(false, true)) {
				open.remove(this);
				permits.release();
			}
		}

	}

	/** For tests and health: streams open now. */
	int openStreams() {
		return open.size();
	}

	/** For tests and health: streams whose client hasn't taken an event for this long. */
	long stalledStreams(Duration atLeast) {
		long now = System.nanoTime();
		return open.stream().filter(stream -> {
			long since = stream.writingSince;
			return since != 0 && now - since >= atLeast.toNanos();
		}).count();
	}

	/** For tests: database reads made for all streams together so far. */
	long reads() {
		return reads.get();
	}

}
