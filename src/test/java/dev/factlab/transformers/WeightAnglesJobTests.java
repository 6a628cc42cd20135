package dev.factlab.transformers;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.RowAngles;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobTesting;
import dev.factlab.jobs.Jobs;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.web.Svg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The weight-angles job over HTTP on all-MiniLM-L6-v2's real weights (the context of
 * {@link TransformerApiTests}, whose model budget holds them): a slice of the token
 * embeddings against a plain double loop over every pair, the random baseline against the
 * textbook, the same seed giving the same result, the chart, cancellation and bad input.
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB", "factlab.transformers.max-tokens=64",
		"spring.datasource.url=jdbc:h2:mem:factlab-transformers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class WeightAnglesJobTests {

	static final String SUBMIT = "/api/v1/jobs/weight-angles";

	/** Generous: the machine runs other builds. */
	static final Duration AT_MOST = Duration.ofSeconds(180);

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	Transformers transformers;

	final JsonMapper json = JsonMapper.builder().build();

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
		JobTesting.awaitSuccess(jobs, id, AT_MOST);
		return json.readTree(mvc.perform(get("/api/v1/jobs/" + id + "/result"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void theFirst500EmbeddingsMatchAPlainLoopAndTheRandomBaselineTheTextbook() throws Exception {
		int n = 500;
		UUID id = submit("{\"matrices\": [\"token-embeddings\"], \"rows\": %d, \"seed\": 4}".formatted(n));
		finish(id);
		WeightAnglesResult result = jobs.result(id, WeightAnglesResult.class);
		assertThat(result.matrices()).hasSize(1);
		MatrixAngles m = result.matrices().get(0);
		assertThat(m.name()).isEqualTo("token-embeddings");
		assertThat(m.rows()).isEqualTo(n);
		assertThat(m.dimensions()).isEqualTo(384);

		FloatMatrix embeddings = transformers.load(Transformers.MINILM).weights().tokenEmbeddings();
		int d = embeddings.cols();
		double[][] rows = new double[n][d];
		double[] norms = new double[n];
		float[] row = new float[d];
		for (int r = 0; r < n; r++) {
			embeddings.readRow(r, row);
			for (int c = 0; c < d; c++) {
				rows[r][c] = row[c];
				norms[r] += (double) row[c] * row[c];
			}
			norms[r] = Math.sqrt(norms[r]);
		}
		int pairs = n * (n - 1) / 2;
		double[] angles = new double[pairs];
		double[] deviations = new double[pairs];
		long[] bins = new long[180];
		double sum = 0;
		double sumSquares = 0;
		double sumAbsCos = 0;
		double sumCos2 = 0;
		long within1 = 0;
		long within5 = 0;
		long nearParallel = 0;
		int p = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				double dot = 0;
				for (int c = 0; c < d; c++) {
					dot += rows[i][c] * rows[j][c];
				}
				double cos = Math.max(-1, Math.min(1, dot / (norms[i] * norms[j])));
				double angle = Math.toDegrees(Math.acos(cos));
				angles[p] = angle;
				deviations[p++] = Math.abs(90 - angle);
				bins[Math.min(179, (int) angle)]++;
				sum += angle;
				sumSquares += angle * angle;
				sumAbsCos += Math.abs(cos);
				sumCos2 += cos * cos;
				within1 += (angle >= 89 && angle < 91) ? 1 : 0;
				within5 += (angle >= 85 && angle < 95) ? 1 : 0;
				nearParallel += (angle < 10 || angle >= 170) ? 1 : 0;
			}
		}
		AngleStatistics s = m.angles().statistics();
		Arrays.sort(angles);
		Arrays.sort(deviations);
		assertThat(s.pairs()).isEqualTo(pairs);
		// float32 Gram entries: |error| ~1e-6 in cosine, ~1e-4 degrees
		assertThat(s.minDegrees()).isCloseTo(angles[0], offset(2e-3));
		assertThat(s.maxDegrees()).isCloseTo(angles[pairs - 1], offset(2e-3));
		double mean = sum / pairs;
		assertThat(s.meanDegrees()).isCloseTo(mean, offset(1e-3));
		assertThat(s.stdDegrees()).isCloseTo(Math.sqrt(sumSquares / pairs - mean * mean), offset(1e-3));
		assertThat(m.angles().meanAbsCosine()).isCloseTo(sumAbsCos / pairs, offset(2e-5));
		assertThat(m.angles().rmsCosine()).isCloseTo(Math.sqrt(sumCos2 / pairs), offset(2e-5));
		assertThat(s.within1Degree() * pairs).isCloseTo(within1, offset(2.0));
		assertThat(s.within5Degrees() * pairs).isCloseTo(within5, offset(2.0));
		assertThat(s.nearParallelPairs()).isEqualTo(nearParallel);
		long differences = 0;
		for (int k = 0; k < 180; k++) {
			differences += Math.abs(bins[k] - s.histogram().counts()[k]);
		}
		assertThat(differences).as("pairs binned differently (only float rounding at an edge)").isLessThanOrEqualTo(4);
		for (AngleStatistics.Quantile q : s.quantiles()) {
			assertThat(q.degrees()).as("angle quantile %s", q.level())
				.isBetween(orderStatistic(angles, q.level(), -1) - 0.01, orderStatistic(angles, q.level(), 1) + 0.01);
		}
		for (AngleStatistics.Quantile q : m.angles().deviationQuantiles()) {
			assertThat(q.degrees()).as("deviation quantile %s", q.level())
				.isBetween(orderStatistic(deviations, q.level(), -1) - 0.01,
						orderStatistic(deviations, q.level(), 1) + 0.01);
		}
		Arrays.sort(norms);
		assertThat(m.norms().min()).isCloseTo(norms[0], offset(1e-9));
		assertThat(m.norms().max()).isCloseTo(norms[n - 1], offset(1e-9));
		assertThat(m.norms().median()).isCloseTo((norms[n / 2 - 1] + norms[n / 2]) / 2, offset(1e-9));
		assertThat(m.norms().mean()).isCloseTo(Arrays.stream(norms).average().orElseThrow(), offset(1e-9));

		// The random baseline: E[cos²] = 1/D exactly, E|cos| ≈ sqrt(2/(π D)), the angle's
		// std ≈ 180/π/√D, and the tail bound P(|cos| >= eps) <= 2 exp(-D eps²/2) at 1e-4.
		RowAngles random = m.random();
		assertThat(random.statistics().pairs()).isEqualTo(pairs);
		assertThat(random.rmsCosine()).isCloseTo(1 / Math.sqrt(d), offset(0.002));
		assertThat(random.meanAbsCosine()).isCloseTo(Math.sqrt(2 / (Math.PI * d)), offset(0.002));
		assertThat(random.statistics().meanDegrees()).isCloseTo(90, offset(0.05));
		assertThat(random.statistics().stdDegrees()).isCloseTo(180 / Math.PI / Math.sqrt(d), offset(0.1));
		assertThat(random.deviationDegrees(0.9999))
			.isLessThan(Math.toDegrees(Math.asin(Math.sqrt(2 * Math.log(2 / 1e-4) / d))));
		assertThat(random.statistics().nearParallelPairs()).isZero();
		// Welch's bound: no arrangement has a smaller RMS cosine
		double welch = Math.sqrt((n - d) / (d * (n - 1.0)));
		assertThat(m.bounds().welch().cosine()).isCloseTo(welch, offset(1e-12));
		assertThat(m.comparison().welchCosine()).isEqualTo(m.bounds().welch().cosine());
		assertThat(m.angles().rmsCosine()).isGreaterThanOrEqualTo(welch);
		assertThat(random.rmsCosine()).isGreaterThanOrEqualTo(welch);
		assertThat(m.comparison().meanAbsCosineRatio()).isCloseTo(m.angles().meanAbsCosine() / random.meanAbsCosine(),
				offset(1e-12));
		assertThat(result.note()).contains("token-embeddings (500 rows in 384 dimensions)");
	}

	/** The sorted values around {@code level}: side −1 below the rank, +1 above. */
	static double orderStatistic(double[] sorted, double level, int side) {
		double rank = level * sorted.length;
		int index = side < 0 ? (int) Math.floor(rank) - 1 : (int) Math.ceil(rank);
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	@Test
	void neuronsOfTwoLayersShareOneRandomBaselineAndTheSameSeedGivesTheSameResult() throws Exception {
		String spec = "{\"model\": \"all-minilm-l6-v2\", \"matrices\": [\"w-up-0\", \"w-up-1\", \"w-down-1\"], "
				+ "\"seed\": 2}";
		UUID first = submit(spec);
		JsonNode one = finish(first);
		JsonNode two = finish(submit(spec));
		for (int i = 0; i < 3; i++) {
			JsonNode m = one.path("matrices").get(i);
			assertThat(m.path("rows").asInt()).isEqualTo(1536);
			assertThat(m.path("angles").path("statistics").path("pairs").asLong()).isEqualTo(1536L * 1535 / 2);
			assertThat(m.path("angles")).as("same seed, same angles")
				.isEqualTo(two.path("matrices").get(i).path("angles"));
			assertThat(m.path("random")).isEqualTo(two.path("matrices").get(i).path("random"));
			assertThat(m.path("comparison")).isEqualTo(two.path("matrices").get(i).path("comparison"));
			assertThat(m.path("random")).as("one shape, one baseline")
				.isEqualTo(one.path("matrices").get(0).path("random"));
		}
		assertThat(one.path("matrices").get(1).path("randomSeconds").asDouble()).isZero();
		assertThat(one.path("matrices").get(0).path("angles")).isNotEqualTo(one.path("matrices").get(1).path("angles"));
		assertThat(one.path("matrices").get(2).path("description").asString()).contains("writes");

		WeightAnglesResult result = jobs.result(first, WeightAnglesResult.class);
		String svg = mvc.perform(get("/api/v1/jobs/" + first + "/weight-angles.svg"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		AngleComparison c = result.matrices().get(0).comparison();
		assertThat(svg).contains(Svg.escape("w-up-0: 1,536 × 384"))
			.contains(Svg.escape("w-down-1: 1,536 × 384"))
			.contains(Svg.escape(String.format(Locale.ROOT, "mean |cos| %.4f (random %.4f, %.2fx)", c.meanAbsCosine(),
					c.randomMeanAbsCosine(), c.meanAbsCosineRatio())))
			.contains("<polyline");
		assertThat(svg.split("<polyline", -1)).as("one random line per matrix").hasSize(4);
		mvc.perform(get("/api/v1/jobs/" + first + "/weight-angles.svg?scale=linear")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/jobs/" + first + "/weight-angles.svg?scale=cubic"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("scale must be log or linear")));
		mvc.perform(get("/api/v1/jobs/" + UUID.randomUUID() + "/weight-angles.svg")).andExpect(status().isNotFound());
	}

	@Test
	void cancellingTheFullRunStopsIt() throws Exception {
		UUID id = submit("{}");
		await().atMost(AT_MOST)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.RUNNING && jobs.find(id).progress().fraction() > 0);
		long start = System.nanoTime();
		mvc.perform(delete("/api/v1/jobs/" + id)).andExpect(status().is2xxSuccessful());
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).status() == JobStatus.CANCELLED);
		// polled every 64 rows of a tile: well under a second here even before the JIT
		// has compiled the kernels (a cold tile takes seconds)
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(3.0);
		mvc.perform(get("/api/v1/jobs/" + id + "/weight-angles.svg")).andExpect(status().isConflict());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"unknown matrix|{\"matrices\": [\"w-up-9\"]}|400|matrices must be among [token-embeddings, w-up-0",
			"empty list|{\"matrices\": []}|400|matrices must name at least one of [token-embeddings",
			"duplicate|{\"matrices\": [\"w-up-0\", \"w-up-0\"]}|400|named 'w-up-0' twice",
			"unknown model|{\"model\": \"gpt-7\"}|404|no transformer with id 'gpt-7'; known: [all-minilm-l6-v2",
			"one row|{\"rows\": 1}|400|rows must be at least 2 but was 1",
			"null matrix|{\"matrices\": [null]}|400|Invalid `null` value encountered for property \"matrices\"" })
	void badInputIsAProblem(String name, String body, int status, String detail) throws Exception {
		mvc.perform(post(SUBMIT).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

}
