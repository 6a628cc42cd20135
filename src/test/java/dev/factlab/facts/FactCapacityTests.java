package dev.factlab.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.factlab.FactLabTest;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobTesting;
import dev.factlab.jobs.Jobs;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The fact-capacity job: how many facts fit, measured. */
@FactLabTest
class FactCapacityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	ObjectMapper json;

	ResultActions submit(String kind, String body) throws Exception {
		return mvc.perform(post("/api/v1/jobs/" + kind).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	UUID accepted(String kind, String body) throws Exception {
		String location = submit(kind, body).andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	JsonNode finish(UUID id) throws Exception {
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(120));
		return json.readTree(mvc.perform(get("/api/v1/jobs/" + id + "/result"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void orthonormalDirectionsRecallEveryFactWithNoNoiseAndNoPartialFires() throws Exception {
		JsonNode result = finish(accepted("fact-capacity",
				"{\"space\": \"orthonormal\", \"dimensions\": [64], \"factCounts\": [8, 21], \"subjectArity\": 2}"));
		assertThat(result.get("points")).hasSize(2);
		for (JsonNode point : result.get("points")) {
			assertThat(point.get("recallAt1").asDouble()).isEqualTo(1.0);
			assertThat(point.get("exactRate").asDouble()).isEqualTo(1.0);
			assertThat(point.get("partialFireRate").asDouble()).isEqualTo(0.0);
			assertThat(point.get("noiseMax").asDouble()).isEqualTo(0.0);
			assertThat(point.get("signalMean").asDouble()).isEqualTo(1.0);
		}
		assertThat(result.get("points").get(1).get("names").asLong()).isEqualTo(63);
	}

	@Test
	void randomDirectionsHoldAtLowLoadAndFailAsFactsPerDimensionRise() throws Exception {
		JsonNode result = finish(accepted("fact-capacity",
				"{\"space\": \"random\", \"dimensions\": [16], \"factCounts\": [4, 32, 256, 2048], \"seed\": 0}"));
		List<Double> recall = new ArrayList<>();
		List<Double> noise = new ArrayList<>();
		result.get("points").forEach(p -> {
			recall.add(p.get("recallAt1").asDouble());
			noise.add(p.get("noiseMedian").asDouble());
		});
		assertThat(recall.get(0)).as("4 facts in 16 dimensions").isEqualTo(1.0);
		assertThat(recall).as("golden values of seed 0").containsExactly(1.0, 0.9375, 0.94140625, 0.08837890625);
		assertThat(recall.get(3)).as("recall collapses at 128 facts per dimension").isLessThan(recall.get(1));
		assertThat(noise).as("noise rises").isSorted();
	}

	@Test
	void optimisedDirectionsFromAnAngleJobBeatRandomOnesAtTheSameLoad() throws Exception {
		UUID angles = accepted("angle-distribution",
				"{\"vectors\": 200, \"dimensions\": 16, \"steps\": 300, \"seed\": 1, \"loss\": \"smooth-max-cosine\"}");
		finish(angles);
		String sweep = "{\"space\": \"%s\", \"dimensions\": [16], \"factCounts\": [64], \"seed\": 1%s}";
		UUID optimised = accepted("fact-capacity", sweep.formatted("from-job", ", \"job\": \"" + angles + "\""));
		UUID random = accepted("fact-capacity", sweep.formatted("random", ""));
		JsonNode fromJob = finish(optimised).get("points").get(0);
		JsonNode plain = finish(random).get("points").get(0);
		assertThat(fromJob.get("noiseMean").asDouble()).isLessThan(plain.get("noiseMean").asDouble());
		assertThat(fromJob.get("noiseMax").asDouble()).isLessThan(plain.get("noiseMax").asDouble());
		String svg = mvc.perform(get("/api/v1/jobs/" + optimised + "/capacity.svg").param("compare", random.toString()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(svg).startsWith("<svg").contains("from-job, D=16").contains("random, D=16");
		assertThat(svg.split("<polyline", -1)).hasSize(3);

		submit("fact-capacity", "{\"space\": \"from-job\", \"job\": \"" + angles + "\", \"dimensions\": [32]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Dimension mismatch"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("D=16")));
		mvc.perform(post("/api/v1/feature-spaces").contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\": \"from-job\", \"job\": \"" + angles + "\", \"dimensions\": 8, \"names\": [\"a\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Dimension mismatch"));
		mvc.perform(get("/api/v1/jobs/" + angles + "/capacity.svg")).andExpect(status().isNotFound());
	}

	@Test
	void aRunningSweepReportsProgressAndStopsWithinTwoSecondsOfCancel() throws Exception {
		UUID id = accepted("fact-capacity",
				"{\"dimensions\": [128, 256], \"factCounts\": [3000, 3000, 3000, 3000, 3000, 3000], \"seed\": 3}");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.RUNNING && jobs.find(id).progress() != null
					&& jobs.find(id).progress().fraction() > 0);
		assertThat(jobs.find(id).progress().step()).isEqualTo("query");
		assertThat(jobs.find(id).progress().fraction()).isLessThan(1.0);
		long start = System.nanoTime();
		mvc.perform(delete("/api/v1/jobs/" + id)).andExpect(status().is2xxSuccessful());
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.CANCELLED);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
		mvc.perform(get("/api/v1/jobs/" + id + "/capacity.svg")).andExpect(status().isConflict());
	}

	@Test
	void badSweepsGetProblemDetails() throws Exception {
		submit("fact-capacity", "{\"space\": \"orthonormal\", \"dimensions\": [16], \"factCounts\": [8]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Too many names"));
		submit("fact-capacity",
				"{\"dimensions\": [8, 16, 32, 64, 128, 256, 512, 1024], \"factCounts\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}")
			.andExpect(status().isPayloadTooLarge());
		submit("fact-capacity", "{\"space\": \"from-job\", \"dimensions\": [16]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Missing job"));
		submit("fact-capacity", "{\"subjectArity\": 1, \"firstNames\": 2, \"factCounts\": [8]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Duplicate fact"));
	}

}
