package dev.factlab.transformers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.factlab.jobs.JobTesting;
import dev.factlab.jobs.Jobs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The transformer endpoints on the GPT-2 checkpoints of the reference
 * ({@link Gpt2Reference}), served from factlab.transformers.checkpoint-dir, beside a
 * malformed one and directories that must not be served.
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB",
		"factlab.transformers.checkpoint-dir=target/gpt2-reference/checkpoints",
		"spring.datasource.url=jdbc:h2:mem:factlab-gpt2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class Gpt2ApiTests {

	static final String TINY = "/api/v1/transformers/tiny-gpt2";

	static JsonNode reference;

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void generate() throws Exception {
		reference = Gpt2Reference.generate();
		Path broken = Gpt2Reference.CHECKPOINTS.resolve("broken-gpt2");
		Path valid = Gpt2Reference.CHECKPOINTS.resolve("tiny-gpt2");
		Files.createDirectories(broken);
		Files.copy(valid.resolve("config.json"), broken.resolve("config.json"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		byte[] weights = Files.readAllBytes(valid.resolve("model.safetensors"));
		Files.write(broken.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
		// not served: a name outside [a-z0-9.-], and a directory without weights
		for (String name : new String[] { "Bad_Name", "no-weights" }) {
			Files.createDirectories(Gpt2Reference.CHECKPOINTS.resolve(name));
			Files.copy(valid.resolve("config.json"), Gpt2Reference.CHECKPOINTS.resolve(name).resolve("config.json"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Files.copy(valid.resolve("model.safetensors"),
				Gpt2Reference.CHECKPOINTS.resolve("Bad_Name").resolve("model.safetensors"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void theCheckpointsAreListedBesideMiniLm() throws Exception {
		JsonNode list = body(mvc.perform(get("/api/v1/transformers")).andExpect(status().isOk()).andReturn());
		assertThat(list.findValuesAsString("id")).containsExactly("all-minilm-l6-v2", "broken-gpt2", "tiny-gpt2",
				"tiny-gpt2-bf16", "tiny-gpt2-f16", "tiny-gpt2-prefixed");
		JsonNode tiny = list.get(2);
		assertThat(tiny.get("architecture").asString()).isEqualTo("gpt2");
		assertThat(tiny.get("parameters").asLong()).isEqualTo(tinyParameters());
	}

	/** The tiny shape counted by hand: embeddings, 2 layers, ln_f. */
	static long tinyParameters() {
		long d = 32;
		long n = 128;
		long layer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * n + n) + (n * d + d);
		return 50257 * d + 64 * d + 2 * layer + 2 * d;
	}

	@Test
	void describeCountsTheParametersLikeTheParamsModule() throws Exception {
		JsonNode info = body(mvc.perform(get(TINY)).andExpect(status().isOk()).andReturn());
		assertThat(info.get("loaded").asBoolean()).isTrue();
		assertThat(info.get("layers").asInt()).isEqualTo(2);
		assertThat(info.get("dModel").asInt()).isEqualTo(32);
		assertThat(info.get("heads").asInt()).isEqualTo(4);
		assertThat(info.get("neurons").asInt()).isEqualTo(128);
		assertThat(info.get("maxPositions").asInt()).isEqualTo(64);
		assertThat(info.get("parameters").asLong()).isEqualTo(tinyParameters());
		assertThat(info.get("accounting").get("outsideTheShape").asLong()).isZero();
		long params = body(mvc
			.perform(post("/api/v1/parameters").contentType(MediaType.APPLICATION_JSON)
				.content(info.get("accounting").get("config").toString()))
			.andExpect(status().isOk())
			.andReturn()).get("conventions").get("full").asLong();
		assertThat(params).isEqualTo(info.get("parameters").asLong());
		assertThat(info.get("bytes").asLong()).isEqualTo(4 * tinyParameters());
	}

	@Test
	void nextTokenGivesTheReferencesTopTokens() throws Exception {
		JsonNode answer = body(mvc
			.perform(post(TINY + "/next-token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"topK\": 10}".formatted(Gpt2Reference.TEXTS.get(0))))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(answer.get("tokens").get(1).get("piece").asString()).isEqualTo(" Jordan");
		JsonNode expected = reference.get("f32").get("sequences").get(0).get("top");
		assertPredictions(answer.get("predictions"), expected);
		assertThat(answer.has("ablation")).isFalse();
	}

	@Test
	void nextTokenUnderAnAblationGivesTheReferencesAblatedTokens() throws Exception {
		JsonNode answer = body(mvc.perform(post(TINY + "/next-token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"%s\", \"topK\": 10, \"ablate\": [{\"layer\": 1, \"neurons\": [3, 7, 11, 40, 99]}]}"
				.formatted(Gpt2Reference.TEXTS.get(0))))
			.andExpect(status().isOk())
			.andReturn());
		assertPredictions(answer.get("predictions"), reference.get("f32").get("sequences").get(0).get("top"));
		JsonNode ablation = answer.get("ablation");
		assertPredictions(ablation.get("predictions"), reference.get("f32").get("ablated").get("top"));
		assertThat(ablation.get("klDivergence").asDouble()).isPositive();
		JsonNode change = ablation.get("changes").get(0);
		assertThat(change.get("id").asInt()).isEqualTo(answer.get("predictions").get(0).get("id").asInt());
		assertThat(change.get("ablatedProbability").asDouble()).isNotEqualTo(change.get("probability").asDouble());
		JsonNode none = body(mvc
			.perform(post(TINY + "/next-token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"ablate\": [{\"layer\": 1, \"neurons\": []}]}"
					.formatted(Gpt2Reference.TEXTS.get(0))))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(none.get("ablation").get("klDivergence").asDouble()).isZero();
		assertThat(none.get("ablation").get("predictions")).isEqualTo(none.get("predictions"));
	}

	private static void assertPredictions(JsonNode ours, JsonNode expected) {
		assertThat(ours.size()).isEqualTo(expected.size());
		for (int i = 0; i < ours.size(); i++) {
			assertThat(ours.get(i).get("id").asInt()).as("prediction %d", i)
				.isEqualTo(expected.get(i).get("id").asInt());
			double p = expected.get(i).get("probability").asDouble();
			assertThat(ours.get(i).get("probability").asDouble()).as("probability %d", i)
				.isCloseTo(p, org.assertj.core.data.Offset.offset(1e-4 * p));
		}
	}

	@Test
	void traceListsTheReferencesTopNeuronPerToken() throws Exception {
		JsonNode trace = body(mvc
			.perform(post(TINY + "/trace").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"topK\": 1}".formatted(Gpt2Reference.TEXTS.get(0))))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(trace.get("layers").size()).isEqualTo(2);
		for (int l = 0; l < 2; l++) {
			double[][] neurons = Gpt2Reference
				.matrix(reference.get("f32").get("sequences").get(0).get("layers").get(l).get("neurons"));
			JsonNode tokens = trace.get("layers").get(l).get("tokens");
			assertThat(tokens.size()).isEqualTo(neurons.length);
			for (int t = 0; t < neurons.length; t++) {
				int best = 0;
				for (int n = 1; n < neurons[t].length; n++) {
					best = neurons[t][n] > neurons[t][best] ? n : best;
				}
				assertThat(tokens.get(t).get("top").get(0).get("neuron").asInt()).as("layer %d token %d", l, t)
					.isEqualTo(best);
			}
		}
	}

	/**
	 * GPT-2 frames nothing, so a neuron-examples job over the reference texts offers
	 * every token: exampleTokens equals tokens, the r50k count; and the neurons whose
	 * largest value in the numpy reference is at a text's first or last token (which a
	 * BERT frame would leave out) have that token as their top example, with the
	 * reference's value.
	 */
	@Test
	void neuronExamplesOfACheckpointOfferEveryToken() throws Exception {
		String location = mvc
			.perform(post("/api/v1/jobs/neuron-examples").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(new NeuronExamplesRequest("tiny-gpt2", Gpt2Reference.TEXTS, 1, 2))))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(120));
		JsonNode result = body(
				mvc.perform(get(Jobs.PATH + "/" + id + "/result")).andExpect(status().isOk()).andReturn());
		int total = Gpt2Reference.sequences().stream().mapToInt(ids -> ids.length).sum();
		assertThat(result.get("tokens").asInt()).isEqualTo(total);
		assertThat(result.get("exampleTokens").asInt()).isEqualTo(total);
		JsonNode runs = reference.get("f32").get("sequences");
		int first = 0;
		int last = 0;
		for (int l = 0; l < 2; l++) {
			List<double[][]> texts = new ArrayList<>();
			for (JsonNode run : runs) {
				texts.add(Gpt2Reference.matrix(run.get("layers").get(l).get("neurons")));
			}
			for (int n = 0; n < 128; n++) {
				double[] best = bestAndRunnerUp(texts, n);
				int s = (int) best[1];
				int t = (int) best[2];
				boolean atFirst = t == 0;
				boolean atLast = t == texts.get(s).length - 1;
				if ((!atFirst && !atLast) || best[0] - best[3] < 1e-3 * Math.abs(best[0])) {
					continue;
				}
				first += atFirst ? 1 : 0;
				last += atLast ? 1 : 0;
				JsonNode top = body(mvc.perform(get(Jobs.PATH + "/" + id + "/neurons/" + l + "/" + n))
					.andExpect(status().isOk())
					.andReturn()).get("examples").get(0);
				String what = "layer %d neuron %d".formatted(l, n);
				assertThat(top.get("sentence").asInt()).as(what).isEqualTo(s);
				assertThat(top.get("token").asInt()).as(what).isEqualTo(t);
				assertThat(top.get("activation").asDouble()).as(what)
					.isCloseTo(best[0], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(best[0]))));
			}
		}
		assertThat(first).as("neurons topped at a text's first token").isPositive();
		assertThat(last).as("neurons topped at a text's last token").isPositive();
	}

	/**
	 * @return the largest value of neuron {@code n} over every token of every text, its
	 * text and token, and the second largest value
	 */
	private static double[] bestAndRunnerUp(List<double[][]> texts, int n) {
		double[] best = { Double.NEGATIVE_INFINITY, -1, -1, Double.NEGATIVE_INFINITY };
		for (int s = 0; s < texts.size(); s++) {
			for (int t = 0; t < texts.get(s).length; t++) {
				double value = texts.get(s)[t][n];
				if (value > best[0]) {
					best[3] = best[0];
					best[0] = value;
					best[1] = s;
					best[2] = t;
				}
				else if (value > best[3]) {
					best[3] = value;
				}
			}
		}
		return best;
	}

	@Test
	void eachLayersMlpIsAReadOnlyModel() throws Exception {
		mvc.perform(get(TINY)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.models[*].id", hasItem("tiny-gpt2-mlp-1")));
		mvc.perform(get("/api/v1/models/tiny-gpt2-mlp-0"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dModel").value(32))
			.andExpect(jsonPath("$.neurons").value(128));
	}

	@Test
	void aMalformedCheckpointIsAPreciseProblem() throws Exception {
		mvc.perform(get("/api/v1/transformers/broken-gpt2"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("'broken-gpt2'")))
			.andExpect(jsonPath("$.detail", containsString("truncated")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bad_Name", "no-weights", "..", "%2e%2e", "..%2Fcheckpoints", "%2Fetc",
			"tiny-gpt2%2F..%2Ftiny-gpt2" })
	void onlyTheCheckpointDirectorysValidSubdirectoriesAreServed(String id) throws Exception {
		MvcResult result = mvc.perform(get("/api/v1/transformers/" + id)).andReturn();
		assertThat(result.getResponse().getStatus()).as(id).isBetween(400, 404);
		assertThat(result.getResponse().getContentType()).as(id).contains("problem+json");
	}

	static Stream<Arguments> mistakes() {
		return Stream.of(Arguments.of("empty text", TINY + "/next-token", "{\"text\": \"\"}", 400, "text must contain"),
				Arguments.of("over-long text", TINY + "/next-token", "{\"text\": \"%s\"}".formatted("word ".repeat(70)),
						413, "the model has 64 positions"),
				Arguments.of("unknown layer", TINY + "/next-token",
						"{\"text\": \"a\", \"ablate\": [{\"layer\": 2, \"neurons\": [1]}]}", 400,
						"layer 2 does not exist; the model has layers 0..1"),
				Arguments.of("unknown neuron", TINY + "/trace",
						"{\"text\": \"a\", \"ablate\": [{\"layer\": 0, \"neurons\": [128]}]}", 400,
						"neuron 128 does not exist in layer 0"),
				Arguments.of("bad topK", TINY + "/next-token", "{\"text\": \"a\", \"topK\": 0}", 400,
						"topK must be between 1 and 32"),
				Arguments.of("similarity on GPT-2", TINY + "/similarity", "{\"text\": \"a\", \"candidates\": [\"b\"]}",
						400, "has no sentence embedding"),
				Arguments.of("next-token on MiniLM", "/api/v1/transformers/all-minilm-l6-v2/next-token",
						"{\"text\": \"a\"}", 400, "without a language-model head"),
				Arguments.of("unknown id", "/api/v1/transformers/gpt-7/next-token", "{\"text\": \"a\"}", 404,
						"no transformer with id 'gpt-7'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void badInputIsAProblem(String name, String path, String body, int status, String detail) throws Exception {
		mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(detail)))
			.andExpect(jsonPath("$.detail", not(containsString("Exception"))));
	}

	private JsonNode body(MvcResult result) throws Exception {
		return json.readTree(result.getResponse().getContentAsString());
	}

}
