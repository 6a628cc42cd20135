package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A large pass (over 1,048,576 tokens × neurons) waits for its turn at most
 * factlab.mlp.large-pass-wait, then gets 503 with Retry-After; small passes never wait.
 */
@FactLabTest
class LargePassWaitTests {

	/** 100 tokens × 16,384 neurons = 1,638,400 values: a large pass. */
	static final int NEURONS = 16_384;

	@Autowired
	MockMvc mvc;

	@Autowired
	ForwardPasses passes;

	@BeforeEach
	void wideModel() throws Exception {
		mvc.perform(post("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"id\": \"wide\", \"random\": {\"dModel\": 4, \"neurons\": %d, \"seed\": 5}}".formatted(NEURONS)))
			.andExpect(status().isCreated());
	}

	@AfterEach
	void removeIt() throws Exception {
		mvc.perform(delete("/api/v1/models/wide"));
	}

	@Test
	void aLargePassThatCantGetItsTurnIs503WithRetryAfterAndRunsOnceTheTurnIsFree() throws Exception {
		String large = "{\"tokens\": [" + "[1, 0, 0, 0], ".repeat(FactLabTest.MAX_TOKENS - 1)
				+ "[1, 0, 0, 0]], \"include\": [\"residual\"]}";
		String small = "{\"tokens\": [[1, 0, 0, 0]], \"include\": [\"residual\"]}";
		passes.largePasses.acquire();
		try {
			long start = System.nanoTime();
			mvc.perform(post("/api/v1/models/wide/forward").contentType(MediaType.APPLICATION_JSON).content(large))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(header().string("Retry-After", "1"))
				.andExpect(jsonPath("$.detail", containsString("factlab.mlp.large-pass-wait")))
				.andExpect(jsonPath("$.detail", containsString("1,638,400")));
			long waitedMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(waitedMillis).as("waited its bounded turn, no longer")
				.isGreaterThanOrEqualTo(FactLabTest.LARGE_PASS_WAIT_MILLIS)
				.isLessThan(FactLabTest.LARGE_PASS_WAIT_MILLIS + 10_000);
			// a small pass doesn't queue behind large ones
			mvc.perform(post("/api/v1/models/wide/forward").contentType(MediaType.APPLICATION_JSON).content(small))
				.andExpect(status().isOk());
		}
		finally {
			passes.largePasses.release();
		}
		mvc.perform(post("/api/v1/models/wide/forward").contentType(MediaType.APPLICATION_JSON).content(large))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tokens.length()").value(FactLabTest.MAX_TOKENS));
	}

}
