package dev.factlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.errors.RetryLaterException;
import dev.factlab.errors.UnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

/** The table from domain failures to statuses, row by row. */
class DomainProblemsTest {

	@Test
	void eachKindHasItsStatus() {
		assertThat(DomainProblems.status(new InvalidInputException("t", "d")).value()).isEqualTo(400);
		assertThat(DomainProblems.status(new NotFoundException("t", "d")).value()).isEqualTo(404);
		assertThat(DomainProblems.status(new ConflictException("t", "d")).value()).isEqualTo(409);
		assertThat(DomainProblems.status(new LimitExceededException("tokens", 10, 11, "tokens")).value())
			.isEqualTo(413);
		assertThat(DomainProblems.status(new RetryLaterException("jobs", 16, Duration.ofSeconds(30))).value())
			.isEqualTo(429);
		assertThat(DomainProblems.status(new UnavailableException("t", "d", Duration.ofSeconds(2))).value())
			.isEqualTo(503);
	}

	@Test
	void limitProblemCarriesLimitRequestedAndUnit() {
		ProblemDetail problem = DomainProblems.toProblem(new LimitExceededException(
				"tokens per request (factlab.mlp.max-tokens-per-request)", 100, 101, "tokens"));
		assertThat(problem.getStatus()).isEqualTo(413);
		assertThat(problem.getTitle()).isEqualTo("Request too large");
		assertThat(problem.getDetail()).isEqualTo(
				"tokens per request (factlab.mlp.max-tokens-per-request): limit is 100 tokens but the request asks for 101 tokens");
		assertThat(problem.getProperties()).containsEntry("limit", 100L)
			.containsEntry("requested", 101L)
			.containsEntry("unit", "tokens");
	}

	@Test
	void anExtensionCannotTakeTheNameOfAProblemMember() {
		for (String member : new String[] { "type", "title", "status", "detail", "instance" }) {
			assertThatThrownBy(() -> new ConflictException("t", "d").with(member, "RUNNING"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(member);
		}
		ProblemDetail problem = DomainProblems.toProblem(new ConflictException("t", "d").with("jobStatus", "RUNNING"));
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getProperties()).containsEntry("jobStatus", "RUNNING");
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUp() {
		assertThat(DomainProblems.retryAfter(new RetryLaterException("jobs", 16, Duration.ofMillis(1500))))
			.isEqualTo(2L);
		assertThat(DomainProblems.retryAfter(new UnavailableException("t", "d", Duration.ofMillis(10)))).isEqualTo(1L);
		assertThat(DomainProblems.retryAfter(new NotFoundException("t", "d"))).isNull();
	}

	@Test
	void findsTheFailureInACauseChain() {
		NotFoundException cause = new NotFoundException("t", "d");
		assertThat(DomainProblems.find(new IllegalStateException("wrapped", cause))).isSameAs(cause);
		assertThat(DomainProblems.find(new IllegalStateException("plain"))).isNull();
	}

}
