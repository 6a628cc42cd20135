package dev.factlab.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure caused by the database being away (refused or dropped connections,
 * a pool that could not hand out a connection in time, a server shutting down), however
 * it was wrapped, by the JDK's SQL exceptions in its cause chain (and, for a rollback
 * that failed, in the exception the rollback replaced), so both the jobs module (which
 * retries) and the web module (which answers 503) use the same rule.
 */
public final class DatabaseOutages {

	/** How long a client should wait before retrying a call that needed the database. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private DatabaseOutages() {
	}

	/**
	 * True if {@code ex} or one of its causes says the database can't be reached: a
	 * connection exception (SQLState class 08), a server shutting down or not accepting
	 * connections (57P01–57P03), or one of the JDK's connection exception types.
	 */
	public static boolean isOutage(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			// A rollback that failed on the dropped connection replaces the exception
			// that
			// made the transaction roll back (Spring keeps it aside, not as a cause).
			if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
					&& tx.getApplicationException() != ex && isOutage(tx.getApplicationException())) {
				return true;
			}
			if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
					return true;
				}
			}
		}
		return false;
	}

	/** The 503 to answer for {@code ex} if it is an outage ({@link #isOutage}). */
	public static Optional<UnavailableException> unavailable(Throwable ex) {
		if (!isOutage(ex)) {
			return Optional.empty();
		}
		return Optional.of(new UnavailableException("Database unavailable",
				"the database that stores jobs can't be reached right now; calls that need no database "
						+ "keep working; retry in %d s".formatted(RetryLaterException.seconds(RETRY_AFTER)),
				RETRY_AFTER));
	}

}
