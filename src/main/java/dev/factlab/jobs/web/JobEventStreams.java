package dev.factlab.jobs.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Server-Sent Event streams of jobs. Each open stream is polled from the database every
 * {@link #POLL}, so it follows a job wherever it runs: a {@code progress} event whenever
 * the job changed, then one {@code status} event with the final state, then the stream
 * closes. At most factlab.jobs.max-event-streams are open per instance.
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

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "job-events");
		thread.setDaemon(true);
		return thread;
	});

	JobEventStreams(Jobs jobs, JobLimits limits) {
		this.jobs = jobs;
		this.limits = limits;
		this.permits = new Semaphore(limits.maxEventStreams());
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
		open.add(stream);
		stream.emitter.onCompletion(stream::close);
		stream.emitter.onTimeout(() -> {
			// end the stream cleanly; the client reconnects if it still cares
			stream.emitter.complete();
			stream.close();
		});
		stream.emitter.onError(error -> stream.close());
		stream.push(job);
		if (!stream.closed.get()) {
			stream.future = poller.scheduleWithFixedDelay(stream::poll, POLL.toMillis(), POLL.toMillis(),
					TimeUnit.MILLISECONDS);
			if (stream.closed.get()) {
				stream.future.cancel(false);
			}
		}
		return stream.emitter;
	}

	@Override
	public void destroy() {
		poller.shutdownNow();
		open.forEach(stream -> {
			stream.emitter.complete();
			stream.close();
		});
	}

	private final class Stream {

		final UUID id;

		final SseEmitter emitter;

		final AtomicBoolean closed = new AtomicBoolean();

		volatile ScheduledFuture<?> future;

		long sequence;

		JobView last;

		long lastSentNanos = System.nanoTime();

		Stream(UUID id, SseEmitter emitter) {
			this.id = id;
			this.emitter = emitter;
		}

		void poll() {
			try {
				push(jobs.find(id));
			}
			catch (NotFoundException gone) {
				emitter.complete();
				close();
			}
			catch (RuntimeException ex) {
				log.warn("Event stream of job {} failed; closing it: {}", id, ex.toString());
				emitter.completeWithError(ex);
				close();
			}
		}

		synchronized void push(JobView job) {
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
			emitter.send(
					SseEmitter.event().id(Long.toString(++sequence)).name(name).data(job, MediaType.APPLICATION_JSON));
			lastSentNanos = System.nanoTime();
		}

		private static boolean changed(JobView before, JobView now) {
			return before.status() != now.status() || before.cancelRequested() != now.cancelRequested()
					|| !Objects.equals(before.updatedAt(), now.updatedAt())
					|| !Objects.equals(before.progress(), now.progress());
		}

		void close() {
			if (closed.compareAndSet(false, true)) {
				ScheduledFuture<?> scheduled = future;
				if (scheduled != null) {
					scheduled.cancel(false);
				}
				open.remove(this);
				permits.release();
			}
		}

	}

	/** For tests and health: streams open now. */
	int openStreams() {
		return open.size();
	}

}
