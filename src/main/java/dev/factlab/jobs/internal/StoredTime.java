package dev.factlab.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The clock of the job system: the application's {@link Clock} bean if there is one,
 * ticking in microseconds, the precision PostgreSQL and H2 keep, so a job reads back with
 * the timestamps it was returned with; and how instants go in and out of timestamp
 * columns.
 */
public final class StoredTime {

	private StoredTime() {
	}

	public static Clock clock(ObjectProvider<Clock> clock) {
		return Clock.tick(clock.getIfAvailable(Clock::systemUTC), Duration.ofNanos(1_000));
	}

	/** An instant as a timestamp column's value (UTC), or null. */
	static OffsetDateTime column(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** A timestamp column as an instant, or null. */
	static Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

}
