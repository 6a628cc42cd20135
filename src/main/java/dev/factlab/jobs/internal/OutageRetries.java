package dev.factlab.jobs.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.factlab.errors.DatabaseOutages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that a running job must not lose to a database outage (its outcome, its
 * artifacts): tried again, with a growing pause up to {@link #MAX_PAUSE}, for as long as
 * the failure is an outage ({@link DatabaseOutages#isOutage}) and the caller doesn't give
 * up. Any other failure is thrown at once.
 */
final class OutageRetries {

	static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	static final Duration MAX_PAUSE = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(OutageRetries.class);

	private OutageRetries() {
	}

	/**
	 * @param what what is written, for the log ("the outcome SUCCEEDED")
	 * @param giveUp asked after each failed try; true stops the retries (the last failure
	 * is thrown): e.g. this instance is shutting down
	 * @return what {@code write} returned, once it did
	 */
	static <T> T untilWritten(UUID jobId, String what, Supplier<T> write, BooleanSupplier giveUp) {
		long pause = FIRST_PAUSE.toMillis();
		int failures = 0;
		while (true) {
			try {
				T written = write.get();
				if (failures > 0) {
					log.info("Job {}: the database is back; {} written after {} failed tries", jobId, what, failures);
				}
				return written;
			}
			catch (RuntimeException ex) {
				if (!DatabaseOutages.isOutage(ex) || giveUp.getAsBoolean()) {
					throw ex;
				}
				if (failures++ == 0) {
					log.warn("Job {}: the database is away ({}); retrying {} until it returns", jobId, ex.getMessage(),
							what);
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the database to write " + what,
						interrupted);
			}
			pause = Math.min(MAX_PAUSE.toMillis(), pause * 2);
		}
	}

}
