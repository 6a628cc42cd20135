package dev.factlab.jobs.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The clock of the job system: the application's {@link Clock} bean if there is one,
 * ticking in microseconds, the precision PostgreSQL and H2 keep, so a job reads back with
 * the timestamps it was returned with.
 */
public final class StoredTime {

	private StoredTime() {
	}

	public static Clock clock(ObjectProvider<Clock> clock) {
		return Clock.tick(clock.getIfAvailable(Clock::systemUTC), Duration.ofNanos(1_000));
	}

}
