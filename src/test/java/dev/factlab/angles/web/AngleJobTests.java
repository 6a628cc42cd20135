package dev.factlab.angles.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Locale;
import java.util.Collections;
import java.util.UUID;

import dev.factlab.FactLabTest;
import dev.factlab.angles.AngleJobResult;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobTesting;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.Svg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The angle experiment as a job over HTTP: submit, result, artifact, plots, comparison,
 * cancel, bad input.
 */
@FactLabTest
class AngleJobTests {

	static final String SUBMIT = "/api/v1/jobs/angle-distribution";

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	ObjectMapper json;

	UUID submit(String body) throws Exception {
		String location = mvc.perform(post(SUBMIT).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", containsString("/api/v1/jobs/")))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	JsonNode finish(UUID id) throws Exception {
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(60));
		return json.readTree(mvc.perform(get("/api/v1/jobs/" + id + "/result"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void aSmallRunReportsEveryPairTheTailsAndTheVectors() throws Exception {
		int n = 300;
		int d = 20;
		UUID id = submit("{\"vectors\": %d, \"dimensions\": %d, \"steps\": 30, \"seed\": 5}".formatted(n, d));
		JsonNode result = finish(id);
		long pairs = (long) n * (n - 1) / 2;
		for (String stage : new String[] { "before", "after" }) {
			JsonNode stats = result.path(stage);
			assertThat(stats.path("pairs").asLong()).isEqualTo(pairs);
			assertThat(sum(stats.path("histogram"))).as("%s histogram counts every pair once", stage).isEqualTo(pairs);
			assertThat(sum(stats.path("zoom"))).as("%s zoom counts every pair, tails below/above", stage)
				.isEqualTo(pairs);
			assertThat(stats.path("quantiles").size()).isEqualTo(5);
			assertThat(stats.path("minDegrees").asDouble()).isLessThanOrEqualTo(stats.path("maxDegrees").asDouble());
		}
		assertThat(result.path("lossCurve").size()).isEqualTo(30);
		assertThat(result.path("lossCurve").get(29).asDouble()).isLessThan(result.path("lossCurve").get(0).asDouble());
		assertThat(result.path("bounds").path("welch").path("degrees").asDouble()).isBetween(0.0, 90.0);
		assertThat(result.path("note").asString()).contains("nearly parallel");
		byte[] vectors = mvc.perform(get("/api/v1/jobs/" + id + "/artifacts/vectors.f32"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(vectors).hasSize(n * d * Float.BYTES);
		mvc.perform(get("/api/v1/jobs/" + id + "/histogram.svg?stage=after&from=80&to=100"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andExpect(content()
				.string(containsString("pairs lie outside 80°–100°".replace("°", "&#176;").replace("–", "&#8211;"))))
			.andExpect(content().string(containsString("<rect")));
		mvc.perform(get("/api/v1/jobs/" + id + "/histogram.svg?stage=before&scale=linear"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Random start")));
		mvc.perform(get("/api/v1/jobs/" + id + "/loss.svg"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<polyline")));
	}

	@Test
	void theSameSeedGivesTheSameResultAndTwoLossesCompare() throws Exception {
		String spec = "{\"vectors\": 200, \"dimensions\": 12, \"steps\": 20, \"seed\": 11%s}";
		JsonNode first = finish(submit(spec.formatted("")));
		UUID again = submit(spec.formatted(""));
		JsonNode second = finish(again);
		assertThat(second.path("after")).isEqualTo(first.path("after"));
		assertThat(second.path("lossCurve")).isEqualTo(first.path("lossCurve"));
		UUID worstPair = submit(spec.formatted(", \"loss\": \"smooth-max-cosine\""));
		finish(worstPair);
		mvc.perform(get("/api/v1/angles/comparison.svg?jobs=" + again + "," + worstPair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("smooth-max-cosine")))
			.andExpect(content().string(containsString("near-parallel")));
	}

	/**
	 * The plots quote the stored result: read back typed, a renamed field is a compile
	 * error instead of a silent 0 (or a Welch line at 90°) in the chart.
	 */
	@Test
	void thePlotsQuoteTheResultTheJobStored() throws Exception {
		UUID id = submit("{\"vectors\": 120, \"dimensions\": 10, \"steps\": 5, \"seed\": 3}");
		JsonNode stored = finish(id);
		AngleJobResult result = jobs.result(id, AngleJobResult.class);
		assertThat(json.readTree(json.writeValueAsString(result))).as("the record reads back whole").isEqualTo(stored);
		AngleStatistics after = result.after();
		assertThat(after.pairs()).isEqualTo(120L * 119 / 2);
		assertThat(result.bounds().welch().degrees()).isBetween(0.0, 89.0);
		String histogram = svg("/api/v1/jobs/" + id + "/histogram.svg");
		assertThat(histogram).contains(escaped("After 5 steps of lesson: 120 vectors in 10 dimensions, Adam"))
			.contains(escaped(String.format(Locale.ROOT, "min %.2f°, max %.2f°, mean %.2f° ± %.2f°", after.minDegrees(),
					after.maxDegrees(), after.meanDegrees(), after.stdDegrees())))
			.contains(escaped(String.format(Locale.ROOT, "%.2f%% within 89°–91°", 100 * after.within1Degree())))
			.contains(escaped(String.format(Locale.ROOT, "Welch %.1f°", result.bounds().welch().degrees())));
		String loss = svg("/api/v1/jobs/" + id + "/loss.svg");
		assertThat(loss).contains(String.format(Locale.ROOT, "first %.6g, last %.6g", result.lossCurve()[0],
				result.lossCurve()[result.lossCurve().length - 1]));
		String comparison = svg("/api/v1/angles/comparison.svg?jobs=" + id + "," + id);
		assertThat(comparison).contains(escaped(String.format(Locale.ROOT, "%.2f°", after.minDegrees())))
			.contains(escaped(String.format(Locale.ROOT, "%.2f%%", 100 * after.within5Degrees())));
	}

	String svg(String path) throws Exception {
		return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	static String escaped(String text) {
		return Svg.escape(text);
	}

	@Test
	void cancellingARunningExperimentStopsItWithinTwoSeconds() throws Exception {
		UUID id = submit("{\"vectors\": 20000, \"dimensions\": 100, \"steps\": 10000}");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.RUNNING);
		long start = System.nanoTime();
		mvc.perform(delete("/api/v1/jobs/" + id)).andExpect(status().is2xxSuccessful());
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.CANCELLED);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
		mvc.perform(get("/api/v1/jobs/" + id + "/histogram.svg")).andExpect(status().isConflict());
	}

	@Test
	void boundsOfTheLessonsExperiment() throws Exception {
		mvc.perform(get("/api/v1/angles/bounds?dimensions=100&vectors=10000"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.bounds.welch.cosine")
				.value(closeTo(Math.sqrt((10000.0 - 100) / (100 * 9999.0)), 1e-12), Double.class))
			.andExpect(jsonPath("$.bounds.welch.degrees").value(closeTo(84.29, 0.01), Double.class))
			// Levenstein's bound applies (N > D(D+1)/2 = 5,050) and is tighter:
			// acos(sqrt(19,800 / (102 · 9,900)))
			.andExpect(jsonPath("$.bestWorstCaseDegrees")
				.value(closeTo(Math.toDegrees(Math.acos(Math.sqrt(19_800.0 / (102 * 9_900.0)))), 1e-9), Double.class))
			.andExpect(jsonPath("$.bounds.welch.formula").value(containsString("Welch")))
			.andExpect(jsonPath("$.bounds.capacity.randomPlacementFormula").value(containsString("exp")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "one vector|{\"vectors\": 1}|400|vectors must be at least 2",
			"too many vectors|{\"vectors\": 200000}|413|vectors: limit is 100,000",
			"too many numbers|{\"vectors\": 100000, \"dimensions\": 200}|413|vectors × dimensions: limit is 10,000,000",
			"unknown loss|{\"loss\": \"l2\"}|400|loss must be one of lesson, smooth-max-cosine but was 'l2'",
			"bad histogram|{\"histogram\": {\"bins\": 10, \"fromDegrees\": 50, \"toDegrees\": 20}}|400|0 <= from < to <= 180",
			"negative learning rate|{\"learningRate\": -1}|400|learningRate must be positive" })
	void badSpecsAreProblems(String name, String body, int status, String detail) throws Exception {
		expectProblem(mvc.perform(post(SUBMIT).contentType(MediaType.APPLICATION_JSON).content(body)), status, detail);
	}

	@Test
	void badPlotAndBoundsRequestsAreProblems() throws Exception {
		expectProblem(mvc.perform(get("/api/v1/jobs/" + UUID.randomUUID() + "/histogram.svg")), 404, "");
		expectProblem(mvc.perform(get("/api/v1/angles/bounds?dimensions=100&toleranceDegrees=95")), 400,
				"toleranceDegrees must be in (0, 90)");
		expectProblem(mvc.perform(get("/api/v1/angles/comparison.svg?jobs=" + UUID.randomUUID())), 400,
				"jobs must name 2 to 4");
		String five = String.join(",", Collections.nCopies(5, UUID.randomUUID().toString()));
		expectProblem(mvc.perform(get("/api/v1/angles/comparison.svg?jobs=" + five)), 400,
				"jobs must name 2 to 4 angle-distribution jobs (factlab.angles.max-compared-jobs) but named 5");
		UUID id = submit("{\"vectors\": 50, \"dimensions\": 5, \"steps\": 2}");
		finish(id);
		expectProblem(mvc.perform(get("/api/v1/jobs/" + id + "/histogram.svg?stage=during")), 400,
				"stage must be before or after");
		expectProblem(mvc.perform(get("/api/v1/jobs/" + id + "/histogram.svg?from=100&to=80")), 400, "0 <= from < to");
	}

	static void expectProblem(ResultActions result, int status, String detail) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

	static long sum(JsonNode histogram) {
		long total = histogram.path("below").asLong() + histogram.path("above").asLong();
		for (JsonNode count : histogram.path("counts")) {
			total += count.asLong();
		}
		return total;
	}

}
