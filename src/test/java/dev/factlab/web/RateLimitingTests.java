package dev.factlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import dev.factlab.FactLabTest;
import dev.factlab.errors.RetryLaterException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Per-client token buckets for the expensive calls: the limit holds per client, the 429
 * names the limit and window with a Retry-After that the bucket's refill honours.
 */
@FactLabTest
class RateLimitingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	RateLimits limits;

	@Test
	void aClientOverTheLimitGets429WithRetryAfterWhileOthersAndReadsGoOn() throws Exception {
		long limit = limits.expensiveCalls();
		// the bucket refills evenly while the calls run (20 per second by default), so
		// count until the first 429
		long allowed = -1;
		ResultActions last;
		do {
			allowed++;
			assertThat(allowed).as("calls before the first 429").isLessThan(3 * limit);
			last = mvc.perform(
					from("10.0.0.1", post("/api/v1/parameters").contentType(MediaType.APPLICATION_JSON).content("{}")));
		}
		while (last.andReturn().getResponse().getStatus() == 400);
		assertThat(allowed).as("the whole bucket is served first").isGreaterThanOrEqualTo(limit);
		last.andExpect(status().isTooManyRequests())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.limit").value(limit))
			.andExpect(jsonPath("$.windowSeconds").value(limits.window().toSeconds()))
			.andExpect(jsonPath("$.client").value("addr-10.0.0.1"))
			.andExpect(jsonPath("$.detail", containsString("factlab.rate.expensive-calls")));
		// reads are not counted, and another client has its own bucket
		mvc.perform(from("10.0.0.1", get("/api/v1/models"))).andExpect(status().isOk());
		mvc.perform(from("10.0.0.2",
				post("/api/v1/models/michael-jordan/forward").contentType(MediaType.APPLICATION_JSON)
					.content("{\"tokens\": [{\"first:Michael\": 1}]}")))
			.andExpect(status().isOk())
			.andExpect(header().string(RateLimiting.REMAINING_HEADER, Long.toString(limit - 1)));
	}

	@Test
	void theBucketRefillsEvenlyAndRetryAfterSaysWhen() {
		RateLimiting limiting = new RateLimiting(new RateLimits(3, Duration.ofSeconds(3), 10));
		for (int i = 0; i < 3; i++) {
			assertThat(limiting.preHandle(request("POST", "/api/v1/parameters"), new MockHttpServletResponse(), null))
				.isTrue();
		}
		assertThatThrownBy(
				() -> limiting.preHandle(request("POST", "/api/v1/parameters"), new MockHttpServletResponse(), null))
			.isInstanceOfSatisfying(RetryLaterException.class,
					ex -> assertThat(ex.retryAfterSeconds()).as("one call's refill: 3 s / 3").isEqualTo(1));
		// not expensive: never limited
		assertThat(limiting.preHandle(request("GET", "/api/v1/models"), new MockHttpServletResponse(), null)).isTrue();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		boolean allowed = false;
		while (!allowed && System.nanoTime() < deadline) {
			try {
				allowed = limiting.preHandle(request("POST", "/api/v1/parameters"), new MockHttpServletResponse(),
						null);
			}
			catch (RetryLaterException stillEmpty) {
				Thread.onSpinWait();
			}
		}
		assertThat(allowed).as("a token comes back within the Retry-After").isTrue();
	}

	@Test
	void idleClientsAreForgottenPastMaxClients() {
		RateLimiting limiting = new RateLimiting(new RateLimits(1, Duration.ofHours(1), 2));
		limiting.preHandle(request("POST", "/api/v1/parameters", "10.1.0.1"), new MockHttpServletResponse(), null);
		limiting.preHandle(request("POST", "/api/v1/parameters", "10.1.0.2"), new MockHttpServletResponse(), null);
		// both buckets are empty (not idle), so a third client is still served and the
		// others stay limited
		assertThat(limiting.preHandle(request("POST", "/api/v1/parameters", "10.1.0.3"), new MockHttpServletResponse(),
				null))
			.isTrue();
		assertThatThrownBy(() -> limiting.preHandle(request("POST", "/api/v1/parameters", "10.1.0.1"),
				new MockHttpServletResponse(), null))
			.isInstanceOf(RetryLaterException.class);
	}

	private static MockHttpServletRequest request(String method, String path) {
		return request(method, path, "10.2.0.1");
	}

	private static MockHttpServletRequest request(String method, String path, String address) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setRemoteAddr(address);
		return request;
	}

	private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
		RequestPostProcessor remote = r -> {
			r.setRemoteAddr(address);
			return r;
		};
		return request.with(remote);
	}

}
