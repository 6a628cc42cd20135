package dev.factlab.transformers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobTesting;
import dev.factlab.jobs.Jobs;
import dev.factlab.transformers.internal.WordPieceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The neuron-examples job and its read endpoints over HTTP, on the real weights (the
 * context of {@link TransformerApiTests}, shared).
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB", "factlab.transformers.max-tokens=64",
		"spring.datasource.url=jdbc:h2:mem:factlab-transformers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class NeuronExamplesApiTests {

	static final String SUBMIT = "/api/v1/jobs/neuron-examples";

	static final List<String> CORPUS = List.of("Michael Jordan played basketball for the Chicago Bulls.",
			"Serena Williams won twenty-three Grand Slam titles.", "Michael Phelps won eight gold medals in 2008.",
			"Paris is the capital of France.", "The cat is sleeping on the sofa.",
			"He dunked the basketball before the buzzer.", "Jordan is a country in the Middle East.");

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	Transformers transformers;

	@Autowired
	TransformerLimits limits;

	final JsonMapper json = JsonMapper.builder().build();

	ResultActions submit(String body) throws Exception {
		return mvc.perform(post(SUBMIT).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	UUID accepted(String path, String body) throws Exception {
		String location = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	JsonNode getJson(String path) throws Exception {
		return json
			.readTree(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void aUserCorpusJobKeepsEachNeuronsTopTokensInContext() throws Exception {
		UUID id = accepted(SUBMIT, json.writeValueAsString(new NeuronExamplesRequest(null, CORPUS, 3, 2)));
		// read before it ran: 409 naming the status
		if (jobs.find(id).status() != JobStatus.SUCCEEDED) {
			mvc.perform(get(Jobs.PATH + "/" + id + "/neurons/0/0"))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", containsString("has no neuron examples: it is ")))
				.andExpect(jsonPath("$.status").value(409))
				.andExpect(jsonPath("$.jobStatus").value(org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING")));
		}
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(120));
		JsonNode result = getJson(Jobs.PATH + "/" + id + "/result");
		Transformers.Loaded model = transformers.load(Transformers.MINILM);
		List<WordPieceTokenizer.Encoding> encodings = CORPUS.stream().map(model.tokenizer()::encode).toList();
		int tokens = encodings.stream().mapToInt(e -> e.ids().length).sum();
		assertThat(result.get("sentences").asInt()).isEqualTo(CORPUS.size());
		assertThat(result.get("tokens").asInt()).isEqualTo(tokens);
		assertThat(result.get("exampleTokens").asInt()).isEqualTo(tokens - 2 * CORPUS.size());
		assertThat(result.get("corpus").asString()).isEqualTo("user");
		assertThat(result.get("layers")).hasSize(6);
		assertThat(getJson(Jobs.PATH + "/" + id + "/artifacts").get(0).get("name").asString())
			.isEqualTo("neuron-examples.bin");

		// the reference: one pass over the corpus, every non-special activation of a
		// neuron
		TransformerPass.Result pass = TransformerPass.run(model.weights(),
				encodings.stream().map(e -> e.ids()).toList(), List.of());
		for (int[] cell : new int[][] { { 0, 0 }, { 2, 700 }, { 5, 1535 } }) {
			int layer = cell[0];
			int neuron = cell[1];
			float[] values = pass.layers().get(layer).neurons().toArray();
			List<float[]> all = new ArrayList<>(); // value, sentence, token
			int row = 0;
			for (int s = 0; s < encodings.size(); s++) {
				int length = encodings.get(s).ids().length;
				for (int t = 0; t < length; t++, row++) {
					if (t > 0 && t < length - 1) {
						all.add(new float[] { values[row * 1536 + neuron], s, t });
					}
				}
			}
			all.sort((a, b) -> Float.compare(b[0], a[0]));
			JsonNode examples = getJson(Jobs.PATH + "/" + id + "/neurons/" + layer + "/" + neuron);
			assertThat(examples.get("jobId").asString()).isEqualTo(id.toString());
			assertThat(examples.get("model").asString()).isEqualTo(Transformers.MINILM);
			assertThat(examples.get("layer").asInt()).isEqualTo(layer);
			assertThat(examples.get("neuron").asInt()).isEqualTo(neuron);
			assertThat(examples.get("examples")).hasSize(3);
			for (int i = 0; i < 3; i++) {
				JsonNode example = examples.get("examples").get(i);
				int s = (int) all.get(i)[1];
				int t = (int) all.get(i)[2];
				List<String> pieces = encodings.get(s).pieces();
				assertThat(example.get("activation").floatValue()).isEqualTo(all.get(i)[0]);
				assertThat(example.get("sentence").asInt()).isEqualTo(s);
				assertThat(example.get("token").asInt()).isEqualTo(t);
				assertThat(example.get("tokenText").asString()).isEqualTo(pieces.get(t));
				assertThat(strings(example.get("before"))).isEqualTo(pieces.subList(Math.max(0, t - 2), t));
				assertThat(strings(example.get("after")))
					.isEqualTo(pieces.subList(t + 1, Math.min(pieces.size(), t + 3)));
				assertThat(example.get("text").asString()).isEqualTo(CORPUS.get(s));
			}
		}
		JsonNode wide = getJson(Jobs.PATH + "/" + id + "/neurons/1/5?context=32");
		JsonNode first = wide.get("examples").get(0);
		List<String> pieces = encodings.get(first.get("sentence").asInt()).pieces();
		assertThat(first.get("before").size() + 1 + first.get("after").size()).isEqualTo(pieces.size());
		assertThat(first.get("before").get(0).asString()).isEqualTo("[CLS]");

		problem(get(Jobs.PATH + "/" + id + "/neurons/6/0"), 404,
				"layer 6 does not exist: all-minilm-l6-v2 has layers 0 to 5");
		problem(get(Jobs.PATH + "/" + id + "/neurons/-1/0"), 404, "layer -1 does not exist");
		problem(get(Jobs.PATH + "/" + id + "/neurons/0/1536"), 404,
				"neuron 1536 does not exist: layer 0 of " + "all-minilm-l6-v2 has neurons 0 to 1535");
		problem(get(Jobs.PATH + "/" + id + "/neurons/0/0?context=33"), 400, "context must be between 0 and 32");
		problem(get(Jobs.PATH + "/" + UUID.randomUUID() + "/neurons/0/0"), 404, "no job has id");
	}

	@Test
	void theShippedCorpusAnswersTheTransformersEndpointOnceARunSucceeded() throws Exception {
		String latest = "/api/v1/transformers/all-minilm-l6-v2/neurons/3/100/examples";
		if (jobs.list("SUCCEEDED", NeuronExamplesJob.KIND, 0, 100)
			.items()
			.stream()
			.noneMatch(j -> j.spec().contains("\"shipped\""))) {
			problem(get(latest), 404, "start one with POST /api/v1/jobs/neuron-examples");
		}
		problem(get("/api/v1/transformers/gpt-7/neurons/0/0/examples"), 404, "no transformer with id 'gpt-7'");
		UUID id = accepted(SUBMIT, "{\"model\": \"all-minilm-l6-v2\"}");
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(120));
		JsonNode result = getJson(Jobs.PATH + "/" + id + "/result");
		assertThat(result.get("corpus").asString()).isEqualTo("shipped");
		assertThat(result.get("sentences").asInt()).isEqualTo(NeuronCorpus.shipped().size()).isBetween(300, 500);
		assertThat(result.get("topK").asInt()).isEqualTo(8);
		assertThat(result.get("context").asInt()).isEqualTo(6);
		JsonNode examples = getJson(latest);
		assertThat(examples.get("jobId").asString()).isEqualTo(id.toString());
		assertThat(examples.get("examples")).hasSize(8);
		assertThat(examples).isEqualTo(getJson(Jobs.PATH + "/" + id + "/neurons/3/100"));
		double previous = Double.POSITIVE_INFINITY;
		for (JsonNode example : examples.get("examples")) {
			assertThat(example.get("activation").asDouble()).isLessThanOrEqualTo(previous);
			previous = example.get("activation").asDouble();
			assertThat(example.get("before").size()).isLessThanOrEqualTo(6);
			assertThat(example.get("tokenText").asString()).isNotIn("[CLS]", "[SEP]");
			assertThat(NeuronCorpus.shipped().get(example.get("sentence").asInt()))
				.isEqualTo(example.get("text").asString());
		}
		problem(get("/api/v1/transformers/all-minilm-l6-v2/neurons/0/2000/examples"), 404,
				"neuron 2000 does not exist");
	}

	@Test
	void aRunningJobReportsProgressAndStopsWhenCancelled() throws Exception {
		UUID id = accepted(SUBMIT, "{\"topK\": 1}");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).progress() != null && "forward".equals(jobs.find(id).progress().step()));
		assertThat(jobs.find(id).progress().metrics()).containsKeys("sentences", "tokens");
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(Jobs.PATH + "/" + id))
			.andExpect(status().is2xxSuccessful());
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> jobs.find(id).status().isTerminal());
		assertThat(jobs.find(id).status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(jobs.artifacts(id)).isEmpty();
		problem(get(Jobs.PATH + "/" + id + "/neurons/0/0"), 409, "it was CANCELLED");
	}

	@Test
	void anotherKindsJobHasNoNeurons() throws Exception {
		UUID angles = accepted("/api/v1/jobs/angle-distribution", "{\"vectors\": 10, \"dimensions\": 2, \"steps\": 1}");
		problem(get(Jobs.PATH + "/" + angles + "/neurons/0/0"), 404,
				"job %s is a 'angle-distribution' job, not 'neuron-examples'".formatted(angles));
		JobTesting.awaitSuccess(jobs, angles, Duration.ofSeconds(60));
	}

	static Stream<Arguments> mistakes() {
		return Stream.of(
				Arguments.of("empty list", "{\"sentences\": []}", 400, "sentences must hold at least one sentence"),
				Arguments.of("blank sentence", "{\"sentences\": [\"fine\", \"   \"]}", 400,
						"sentences[1] must contain at least one non-blank character"),
				Arguments.of("null sentence", "{\"sentences\": [\"fine\", null]}", 400, "sentences[1]"),
				Arguments.of("no word pieces", "{\"sentences\": [\"\\u0001\\u0002\"]}", 400,
						"sentences[0] has no word pieces"),
				Arguments.of("too many sentences",
						"{\"sentences\": [%s]}"
							.formatted(String.join(",", java.util.Collections.nCopies(2001, "\"a\""))),
						413, "factlab.transformers.max-example-sentences): limit is 2,000 sentences"),
				Arguments.of("too many characters",
						"{\"sentences\": [%s]}".formatted(String.join(",",
								java.util.Collections.nCopies(101, "\"" + "word ".repeat(400) + "\""))),
						413, "factlab.transformers.max-example-corpus-chars): limit is 200,000 characters"),
				Arguments.of("over-long sentence", "{\"sentences\": [\"%s\"]}".formatted("word ".repeat(100)), 413,
						"word pieces of sentences[0]"),
				Arguments.of("topK 0", "{\"topK\": 0}", 400, "topK must be between 1 and 64"),
				Arguments.of("topK too big", "{\"topK\": 65}", 400, "topK must be between 1 and 64"),
				Arguments.of("negative context", "{\"context\": -1}", 400, "context must be between 0 and 32"),
				Arguments.of("unknown model", "{\"model\": \"gpt-7\"}", 400,
						"model must be one of [all-minilm-l6-v2] but was 'gpt-7'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void badInputIsAProblem(String name, String body, int status, String detail) throws Exception {
		problem(post(SUBMIT).contentType(MediaType.APPLICATION_JSON).content(body), status, detail);
	}

	private void problem(org.springframework.test.web.servlet.RequestBuilder request, int status, String detail)
			throws Exception {
		mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(detail)));
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.asString()));
		return out;
	}

}
