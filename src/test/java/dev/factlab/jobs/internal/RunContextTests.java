package dev.factlab.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.factlab.jobs.JobCancelledException;
import dev.factlab.jobs.JobStatus;
import org.junit.jupiter.api.Test;

/** Why a run stops, and how often it asks the database; time moved by hand. */
class RunContextTests {

	static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

	final MutableClock clock = new MutableClock(T0);

	final JobStore store = mock(JobStore.class);

	final JobArtifacts artifacts = mock(JobArtifacts.class);

	final AtomicBoolean shuttingDown = new AtomicBoolean();

	final JobRecord running = JobRecord.queued(UUID.randomUUID(), "count", "{}", null, T0).start("node-a", T0);

	RunContext context(Duration maxRunTime) {
		when(store.runState(running.id()))
			.thenReturn(Optional.of(new JobStore.RunState(JobStatus.RUNNING, false, running.attempts())));
		return new RunContext(running, store, artifacts, clock, T0.plus(maxRunTime), 1000, shuttingDown::get);
	}

	@Test
	void aRunPastMaxRunTimeIsTimedOut() {
		RunContext context = context(Duration.ofHours(1));
		assertThat(context.stop()).isEqualTo(RunContext.Stop.NONE);
		clock.advance(Duration.ofMinutes(59));
		assertThat(context.isCancelled()).isFalse();
		clock.advance(Duration.ofMinutes(1));
		assertThat(context.stop()).isEqualTo(RunContext.Stop.TIMED_OUT);
		assertThatThrownBy(context::checkCancelled).isInstanceOf(JobCancelledException.class);
	}

	@Test
	void aLocalCancelStopsAtOnceWithoutAskingTheDatabase() {
		RunContext context = context(Duration.ofHours(1));
		context.cancel();
		assertThat(context.stop()).isEqualTo(RunContext.Stop.CANCELLED);
		verify(store, never()).runState(any());
	}

	@Test
	void aCancelRequestedElsewhereIsSeenWithinTheRefreshInterval() throws InterruptedException {
		RunContext context = context(Duration.ofHours(1));
		when(store.runState(running.id()))
			.thenReturn(Optional.of(new JobStore.RunState(JobStatus.RUNNING, true, running.attempts())));
		for (int i = 0; i < 1000; i++) {
			context.isCancelled();
		}
		verify(store, never()).runState(any());
		Thread.sleep(Duration.ofNanos(RunContext.REFRESH_NANOS).toMillis() + 20);
		assertThat(context.stop()).isEqualTo(RunContext.Stop.CANCELLED);
		verify(store, times(1)).runState(running.id());
	}

	@Test
	void aRunWhoseJobMovedToAnotherAttemptIsSuperseded() throws InterruptedException {
		RunContext context = context(Duration.ofHours(1));
		when(store.runState(running.id()))
			.thenReturn(Optional.of(new JobStore.RunState(JobStatus.RUNNING, false, running.attempts() + 1)));
		Thread.sleep(Duration.ofNanos(RunContext.REFRESH_NANOS).toMillis() + 20);
		assertThat(context.stop()).isEqualTo(RunContext.Stop.SUPERSEDED);
	}

	@Test
	void shutdownAsksTheRunToStop() {
		RunContext context = context(Duration.ofHours(1));
		shuttingDown.set(true);
		assertThat(context.stop()).isEqualTo(RunContext.Stop.SHUTDOWN);
	}

	@Test
	void progressIsWrittenOnANewStepButThrottledWithinOne() {
		RunContext context = context(Duration.ofHours(1));
		when(store.saveProgress(eq(running.id()), anyInt(), any(), any())).thenReturn(true);
		context.progress(0.1, "load", Map.of(), null);
		context.progress(0.2, "load", Map.of(), null);
		context.progress(0.3, "optimise", Map.of("loss", 1.5), "step 1");
		context.progress(0.4, "optimise", Map.of("loss", 1.2), "step 2");
		verify(store, times(2)).saveProgress(eq(running.id()), eq(1), any(), any());
		assertThat(context.latest().fraction()).isEqualTo(0.4);
		assertThat(context.latest().metrics()).containsEntry("loss", 1.2);
		assertThatThrownBy(() -> context.progress(1.5, "x", Map.of(), null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("progress fraction must be within [0, 1] but was 1.5");
	}

	@Test
	void artifactsAreCheckedBeforeTheyAreStored() {
		RunContext context = context(Duration.ofHours(1));
		assertThatThrownBy(() -> context.saveArtifact("../etc/passwd", "text/plain", new byte[1]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("artifact name must match");
		assertThatThrownBy(() -> context.saveArtifact("a.bin", "not a type", new byte[1]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("needs a content type");
		assertThatThrownBy(() -> context.saveArtifact("a.bin", "application/octet-stream", new byte[1001]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("artifact 'a.bin' has 1,001 bytes but factlab.jobs.max-artifact-bytes is 1,000");
		context.saveArtifact("a.bin", "application/octet-stream", new byte[1000]);
		verify(artifacts).save(eq(running.id()), eq("a.bin"), eq("application/octet-stream"), any(), eq(T0));
	}

}
