package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The MLP endpoints over HTTP: the lesson's numbers, models, activations and neurons. */
@FactLabTest
class MlpApiTests {

	static final String LESSON = """
			{"tokens": [{"first:Michael": 1, "last:Jordan": 1},
			            {"first:Michael": 1, "last:Phelps": 1},
			            {"first:Alexis": 1, "last:Jordan": 1}],
			 "include": ["preActivations", "activations", "output", "residual"]}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	ResultActions postJson(String path, String body) throws Exception {
		return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	JsonNode read(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	static double feature(JsonNode token, String name) {
		for (JsonNode f : token.get("features")) {
			if (f.get("name").asString().equals(name)) {
				return f.get("value").asDouble();
			}
		}
		throw new AssertionError("no feature " + name + " in " + token);
	}

	@Test
	void theLessonHoldsOverHttp() throws Exception {
		JsonNode body = read(postJson("/api/v1/models/michael-jordan/forward", LESSON).andExpect(status().isOk()));
		JsonNode jordan = body.get("tokens").get(0);
		JsonNode phelps = body.get("tokens").get(1);
		JsonNode alexis = body.get("tokens").get(2);
		assertThat(jordan.get("activations").get(0).asDouble()).as("Michael Jordan → neuron 0").isEqualTo(1.0);
		assertThat(feature(jordan, "sport:basketball")).isEqualTo(1.0);
		assertThat(jordan.get("features").get(0).get("value").asDouble()).as("largest first").isEqualTo(1.0);
		assertThat(phelps.get("activations").get(0).asDouble()).as("Michael Phelps → neuron 0").isEqualTo(0.0);
		assertThat(feature(phelps, "sport:basketball")).isEqualTo(0.0);
		assertThat(feature(phelps, "sport:swimming")).isEqualTo(1.0);
		assertThat(alexis.get("activations").get(0).asDouble()).as("Alexis Jordan → neuron 0").isEqualTo(0.0);
		assertThat(feature(alexis, "sport:basketball")).isEqualTo(0.0);
		assertThat(jordan.get("preActivations").get(0).asDouble()).isEqualTo(1.0);
		assertThat(alexis.get("preActivations").get(0).asDouble()).isEqualTo(0.0);
		assertThat(jordan.get("label").asString()).isEqualTo("first:Michael + last:Jordan");
	}

	@Test
	void residualOnlyByDefault() throws Exception {
		postJson("/api/v1/models/michael-jordan/forward", "{\"tokens\": [[1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.include[0]").value("residual"))
			.andExpect(jsonPath("$.tokens[0].residual[4]").value(1.0))
			.andExpect(jsonPath("$.tokens[0].activations").doesNotExist())
			.andExpect(jsonPath("$.tokens[0].preActivations").doesNotExist());
	}

	@Test
	void activationsInNeuronpediasShape() throws Exception {
		postJson("/api/v1/models/michael-jordan/activations", """
				{"tokens": [{"first:Alexis": 1, "last:Jordan": 1}, {"first:Michael": 1, "last:Jordan": 1},
				            {"first:Michael": 1, "last:Phelps": 1}], "topK": 1, "neuron": 0}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tokens[1].activeCount").value(1))
			.andExpect(jsonPath("$.tokens[1].activeFraction").value(0.5))
			.andExpect(jsonPath("$.tokens[1].top[0].neuron").value(0))
			.andExpect(jsonPath("$.tokens[1].top[0].label").value("Michael Jordan"))
			.andExpect(jsonPath("$.tokens[2].top[0].neuron").value(1))
			.andExpect(jsonPath("$.tokens[0].activeCount").value(0))
			.andExpect(jsonPath("$.neuron.values[0]").value(0.0))
			.andExpect(jsonPath("$.neuron.values[1]").value(1.0))
			.andExpect(jsonPath("$.neuron.values[2]").value(0.0))
			.andExpect(jsonPath("$.neuron.maxValue").value(1.0))
			.andExpect(jsonPath("$.neuron.maxValueIndex").value(1))
			.andExpect(jsonPath("$.neuron.tokens[1]").value("first:Michael + last:Jordan"));
	}

	@Test
	void aNeuronReadsAndWritesNamedDirections() throws Exception {
		JsonNode body = read(mvc.perform(get("/api/v1/models/michael-jordan/neurons/0")).andExpect(status().isOk()));
		assertThat(body.get("label").asString()).isEqualTo("Michael Jordan");
		assertThat(body.get("bias").asDouble()).isEqualTo(-1.0);
		assertThat(feature(body.get("reads"), "first:Michael")).isEqualTo(1.0);
		assertThat(feature(body.get("reads"), "last:Jordan")).isEqualTo(1.0);
		assertThat(feature(body.get("reads"), "last:Phelps")).isEqualTo(0.0);
		assertThat(feature(body.get("writes"), "sport:basketball")).isEqualTo(1.0);
		assertThat(feature(body.get("writes"), "team:Chicago Bulls")).isEqualTo(1.0);
		assertThat(feature(body.get("writes"), "number:23")).isEqualTo(1.0);
		assertThat(feature(body.get("writes"), "sport:swimming")).isEqualTo(0.0);
		assertThat(body.get("reads").get("norm").asDouble()).isCloseTo(Math.sqrt(2),
				org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void modelsCanBeListedDescribedCreatedAndDeleted() throws Exception {
		mvc.perform(get("/api/v1/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.models[*].id", hasItem("michael-jordan")))
			.andExpect(jsonPath("$.memory.budgetBytes").value(FactLabTest.MODEL_BUDGET_BYTES));
		mvc.perform(get("/api/v1/models/michael-jordan"))
			.andExpect(jsonPath("$.dModel").value(12))
			.andExpect(jsonPath("$.neurons").value(2))
			.andExpect(jsonPath("$.activation").value("relu"))
			.andExpect(jsonPath("$.parameters.withoutBiases").value(2 * 12 * 2))
			.andExpect(jsonPath("$.parameters.withBiases").value(2 * 12 * 2 + 12 + 2))
			.andExpect(jsonPath("$.bytes").value((2 * 12 * 2 + 12 + 2) * 4))
			.andExpect(jsonPath("$.builtIn").value(true));
		postJson("/api/v1/models", """
				{"id": "and-gate", "activation": "relu", "wUp": [[1, 1, 0]], "bUp": [-1], "wDown": [[0], [0], [2]],
				 "directions": {"a": [1, 0, 0], "b": [0, 1, 0], "fact": [0, 0, 1]}, "neuronLabels": ["a and b"]}""")
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/models/and-gate"))
			.andExpect(jsonPath("$.storage").value("heap"))
			.andExpect(jsonPath("$.wDownLayout").value("row-major"));
		postJson("/api/v1/models/and-gate/forward",
				"{\"tokens\": [{\"a\": 1, \"b\": 1}, {\"a\": 1}], \"include\": [\"output\"]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tokens[0].output[2]").value(2.0))
			.andExpect(jsonPath("$.tokens[1].output[2]").value(0.0))
			.andExpect(jsonPath("$.tokens[0].features[0].name").value("fact"));
		mvc.perform(delete("/api/v1/models/and-gate")).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/models/and-gate")).andExpect(status().isNotFound());
	}

	@Test
	void randomModelsAreSeededAndCountAgainstTheBudget() throws Exception {
		String spec = "{\"activation\": \"gelu\", \"random\": {\"dModel\": 32, \"neurons\": 128, \"seed\": 9}}";
		JsonNode a = read(postJson("/api/v1/models", spec).andExpect(status().isCreated()));
		JsonNode b = read(postJson("/api/v1/models", spec).andExpect(status().isCreated()));
		assertThat(a.get("id").asString()).isEqualTo("gelu-32x128-seed9");
		assertThat(b.get("id").asString()).isEqualTo("gelu-32x128-seed9-2");
		JsonNode models = read(mvc.perform(get("/api/v1/models")));
		assertThat(models.get("memory").get("usedBytes").asLong())
			.isGreaterThanOrEqualTo(2L * (2 * 32 * 128 + 32 + 128) * 4);
		String tokens = "{\"tokens\": [[" + "0.5, ".repeat(31) + "1]], \"include\": [\"activations\"]}";
		JsonNode outA = read(postJson("/api/v1/models/" + a.get("id").asString() + "/forward", tokens));
		JsonNode outB = read(postJson("/api/v1/models/" + b.get("id").asString() + "/forward", tokens));
		assertThat(outA.get("tokens")).isEqualTo(outB.get("tokens"));
		mvc.perform(delete("/api/v1/models/" + a.get("id").asString())).andExpect(status().isNoContent());
		mvc.perform(delete("/api/v1/models/" + b.get("id").asString())).andExpect(status().isNoContent());
	}

	/**
	 * A random model large enough for off-heap weights (W_down stored neuron by neuron):
	 * neuron i writes row i of the generator's [neurons, dModel] matrix for seed + 1, as
	 * documented, both in the neuron inspector and in a forward pass whose ReLU zeros the
	 * few-token kernel skips (the output against a double-precision sum over the returned
	 * activations).
	 */
	@Test
	void aLargeRandomModelWritesTheDocumentedColumns() throws Exception {
		int dModel = 1024;
		int neurons = 1100;
		JsonNode created = read(
				postJson("/api/v1/models", "{\"id\": \"large-relu\", \"activation\": \"relu\", \"random\": "
						+ "{\"dModel\": 1024, \"neurons\": 1100, \"seed\": 5, \"initScale\": 0.05}}"));
		String id = created.get("id").asString();
		assertThat(created.get("storage").asString()).isEqualTo("off-heap");
		assertThat(created.get("wDownLayout").asString()).isEqualTo("column-major");
		dev.factlab.tensor.FloatMatrix writes = dev.factlab.tensor.FloatMatrix.randomNormal(neurons, dModel, 0.05, 6);
		JsonNode neuron = read(mvc.perform(get("/api/v1/models/" + id + "/neurons/7")).andExpect(status().isOk()));
		float[] expected = writes.row(7);
		double norm = 0;
		int largest = 0;
		for (int j = 0; j < dModel; j++) {
			norm += (double) expected[j] * expected[j];
			largest = Math.abs(expected[j]) > Math.abs(expected[largest]) ? j : largest;
		}
		assertThat(neuron.get("writes").get("norm").asDouble()).isCloseTo(Math.sqrt(norm),
				org.assertj.core.data.Offset.offset(1e-6));
		assertThat(neuron.get("writes").get("topCoordinates").get(0).get("index").asInt()).isEqualTo(largest);
		assertThat((float) neuron.get("writes").get("topCoordinates").get(0).get("value").asDouble())
			.isEqualTo(expected[largest]);
		SplittableRandom random = new SplittableRandom(5);
		List<String> tokens = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			List<String> values = new ArrayList<>();
			for (int i = 0; i < dModel; i++) {
				values.add(Float.toString((float) random.nextGaussian()));
			}
			tokens.add("[" + String.join(",", values) + "]");
		}
		JsonNode body = read(postJson("/api/v1/models/" + id + "/forward",
				"{\"tokens\": [" + String.join(",", tokens) + "], \"include\": [\"activations\", \"output\"]}")
			.andExpect(status().isOk()));
		for (int t = 0; t < 2; t++) {
			JsonNode h = body.get("tokens").get(t).get("activations");
			JsonNode out = body.get("tokens").get(t).get("output");
			int zeros = 0;
			for (int i = 0; i < neurons; i++) {
				zeros += h.get(i).asDouble() == 0 ? 1 : 0;
			}
			assertThat(zeros).as("ReLU zeros of token %d", t).isBetween(neurons / 3, 2 * neurons / 3);
			for (int j = 0; j < dModel; j++) {
				double sum = 0;
				for (int i = 0; i < neurons; i++) {
					sum += h.get(i).asDouble() * writes.get(i, j);
				}
				dev.factlab.tensor.Reference.assertClose(sum, out.get(j).asDouble(), "token " + t + " output " + j);
			}
		}
		mvc.perform(delete("/api/v1/models/" + id)).andExpect(status().isNoContent());
	}

	@Test
	void nTokensInOneRequestEqualNOneTokenRequests() throws Exception {
		String id = read(postJson("/api/v1/models",
				"""
						{"id": "batching", "activation": "gelu_tanh", "random": {"dModel": 48, "neurons": 192, "seed": 3, "initScale": 0.2}}"""))
			.get("id")
			.asString();
		SplittableRandom random = new SplittableRandom(4);
		List<String> tokens = new ArrayList<>();
		for (int t = 0; t < 40; t++) {
			List<String> values = new ArrayList<>();
			for (int i = 0; i < 48; i++) {
				values.add(Float.toString((float) random.nextGaussian()));
			}
			tokens.add("[" + String.join(",", values) + "]");
		}
		String include = ", \"include\": [\"preActivations\", \"activations\", \"output\", \"residual\"]";
		JsonNode batch = read(postJson("/api/v1/models/" + id + "/forward",
				"{\"tokens\": [" + String.join(",", tokens) + "]" + include + "}"));
		for (int t = 0; t < tokens.size(); t++) {
			JsonNode single = read(postJson("/api/v1/models/" + id + "/forward",
					"{\"tokens\": [" + tokens.get(t) + "]" + include + "}"));
			for (String stage : List.of("preActivations", "activations", "output", "residual")) {
				JsonNode expected = single.get("tokens").get(0).get(stage);
				JsonNode actual = batch.get("tokens").get(t).get(stage);
				for (int i = 0; i < expected.size(); i++) {
					dev.factlab.tensor.Reference.assertClose(expected.get(i).asDouble(), actual.get(i).asDouble(),
							"token " + t + " " + stage + "[" + i + "]");
				}
			}
		}
		mvc.perform(delete("/api/v1/models/" + id)).andExpect(status().isNoContent());
	}

	@Test
	void readinessWaitsForNd4j() throws Exception {
		// anonymous callers see the status only; ApiKeySecurityTests reads the nd4j
		// component with a key
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		mvc.perform(get("/actuator/info"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kernels.jit").value("C2"))
			.andExpect(jsonPath("$.kernels.openblasCoreType").value("Haswell"))
			.andExpect(jsonPath("$.kernels.blasThreads").isNumber());
	}

}
