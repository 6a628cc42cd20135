package dev.factlab.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionSystemException;

/** Which failures count as the database being away. */
class DatabaseOutagesTests {

	@Test
	void aConnectionFailureAnywhereInTheCauseChainIsAnOutage() {
		assertThat(DatabaseOutages.isOutage(new IllegalStateException(new SQLException("refused", "08001")))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLTransientConnectionException("pool timed out"))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
	}

	/**
	 * Seen in CI: the broken pipe made the transaction roll back, the rollback failed on
	 * the closed connection, and Spring threw the rollback's failure (a stateless
	 * "Connection is closed") with the broken pipe kept aside: a 500 instead of a 503.
	 */
	@Test
	void aRollbackThatFailedAfterAnOutageIsAnOutage() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		assertThat(DatabaseOutages.isOutage(rollback)).isFalse();
		rollback.initApplicationException(new IllegalStateException(new SQLException("I/O error", "08006")));
		assertThat(DatabaseOutages.isOutage(rollback)).isTrue();
		assertThat(DatabaseOutages.unavailable(rollback)).isPresent();
	}

	@Test
	void aRollbackThatFailedAfterAnOrdinaryErrorIsNot() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(new SQLException("duplicate key", "23505"));
		assertThat(DatabaseOutages.isOutage(rollback)).isFalse();
	}

}
