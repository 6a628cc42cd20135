package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one table of allowed moves, row by row: every (from, to) pair of the five states.
 */
class JobStatusTests {

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource({
			// from, to, allowed
			"QUEUED,    QUEUED,    false", "QUEUED,    RUNNING,   true", "QUEUED,    SUCCEEDED, false",
			"QUEUED,    FAILED,    false", "QUEUED,    CANCELLED, true", "RUNNING,   QUEUED,    true",
			"RUNNING,   RUNNING,   false", "RUNNING,   SUCCEEDED, true", "RUNNING,   FAILED,    true",
			"RUNNING,   CANCELLED, true", "SUCCEEDED, QUEUED,    false", "SUCCEEDED, RUNNING,   false",
			"SUCCEEDED, SUCCEEDED, false", "SUCCEEDED, FAILED,    false", "SUCCEEDED, CANCELLED, false",
			"FAILED,    QUEUED,    false", "FAILED,    RUNNING,   false", "FAILED,    SUCCEEDED, false",
			"FAILED,    FAILED,    false", "FAILED,    CANCELLED, false", "CANCELLED, QUEUED,    false",
			"CANCELLED, RUNNING,   false", "CANCELLED, SUCCEEDED, false", "CANCELLED, FAILED,    false",
			"CANCELLED, CANCELLED, false" })
	void everyMoveIsAllowedOrRefusedAsTheTableSays(JobStatus from, JobStatus to, boolean allowed) {
		assertThat(from.canMoveTo(to)).isEqualTo(allowed);
		if (allowed) {
			assertThat(from.moveTo(to)).isEqualTo(to);
		}
		else {
			assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(JobStatus.IllegalJobTransitionException.class)
				.hasMessage("a job can't move from %s to %s; from %s it may move to %s", from, to, from, from.next());
		}
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void exactlyTheThreeEndStatesAreTerminal(JobStatus status) {
		assertThat(status.isTerminal())
			.isEqualTo(EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED).contains(status));
	}

}
