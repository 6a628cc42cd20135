package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The read-only models {@code all-minilm-l6-v2-mlp-N} answer the forward, activations and
 * neuron endpoints with the transformer's own weights: each answer is checked against the
 * ONNX file read independently ({@link OnnxMlpReference}), the pass computed in a plain
 * double loop with the exact GELU (commons-math's erfc). The context of
 * {@link TransformerApiTests}, shared.
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB", "factlab.transformers.max-tokens=64",
		"spring.datasource.url=jdbc:h2:mem:factlab-transformers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class MiniLmMlpModelsTests {

	static final String MODELS = "/api/v1/models/all-minilm-l6-v2-mlp-";

	/** Neurons checked: the ends and one between. */
	static final int[] NEURONS = { 0, 777, 1535 };

	/** Float32 products of 384 or 1,536 terms against double loops. */
	static final double TOLERANCE = 1e-4;

	static OnnxMlpReference onnx;

	@Autowired
	MockMvc mvc;

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void read() throws Exception {
		onnx = OnnxMlpReference.read();
	}

	/** The models exist once the transformer is loaded. */
	@BeforeEach
	void load() throws Exception {
		mvc.perform(get(TransformerApiTests.MINILM)).andExpect(status().isOk());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 3, 5 })
	void aNeuronReadsItsUpRowAndWritesItsDownColumn(int layer) throws Exception {
		OnnxMlpReference.Mlp mlp = onnx.layer(layer);
		for (int n : NEURONS) {
			JsonNode neuron = getJson(MODELS + layer + "/neurons/" + n);
			String what = "layer %d neuron %d".formatted(layer, n);
			assertThat(neuron.get("bias").floatValue()).as(what).isEqualTo(mlp.upBias()[n]);
			assertDirection(neuron.get("reads"), mlp.reads(n), what + " reads");
			assertDirection(neuron.get("writes"), mlp.down()[n], what + " writes");
		}
	}

	/**
	 * Its length, and its ten largest coordinates by magnitude with their exact values.
	 */
	private static void assertDirection(JsonNode view, float[] expected, String what) {
		double sumOfSquares = 0;
		for (float v : expected) {
			sumOfSquares += (double) v * v;
		}
		assertThat(view.get("norm").asDouble()).as(what).isCloseTo(Math.sqrt(sumOfSquares), offset(1e-9));
		List<Integer> largest = IntStream.range(0, expected.length)
			.boxed()
			.sorted(Comparator.comparingDouble(i -> -Math.abs(expected[i])))
			.limit(10)
			.toList();
		JsonNode top = view.get("topCoordinates");
		assertThat(top).hasSize(10);
		for (int k = 0; k < 10; k++) {
			assertThat(top.get(k).get("index").asInt()).as(what).isEqualTo(largest.get(k));
			assertThat(top.get(k).get("value").floatValue()).as(what).isEqualTo(expected[largest.get(k)]);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 5 })
	void forwardIsTheMlpOfTheOnnxWeights(int layer) throws Exception {
		OnnxMlpReference.Mlp mlp = onnx.layer(layer);
		double[][] x = tokens(mlp.dModel(), 3, layer);
		ObjectNode request = json.createObjectNode();
		request.set("tokens", array(x));
		request.putArray("include").add("preActivations").add("activations").add("output").add("residual");
		JsonNode answer = postJson(MODELS + layer + "/forward", request);
		assertThat(answer.get("activation").asString()).isEqualTo("gelu");
		for (int t = 0; t < x.length; t++) {
			Pass expected = pass(mlp, x[t]);
			JsonNode token = answer.get("tokens").get(t);
			String what = "layer %d token %d".formatted(layer, t);
			assertClose(token.get("preActivations"), expected.pre(), what + " preActivations");
			assertClose(token.get("activations"), expected.post(), what + " activations");
			assertClose(token.get("output"), expected.out(), what + " output");
			double[] residual = new double[x[t].length];
			for (int i = 0; i < residual.length; i++) {
				residual[i] = x[t][i] + expected.out()[i];
			}
			assertClose(token.get("residual"), residual, what + " residual");
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4 })
	void activationsListTheReferencesStrongestNeurons(int layer) throws Exception {
		OnnxMlpReference.Mlp mlp = onnx.layer(layer);
		double[][] x = tokens(mlp.dModel(), 2, 10 + layer);
		ObjectNode request = json.createObjectNode();
		request.set("tokens", array(x));
		request.put("topK", 5).put("neuron", 777);
		JsonNode answer = postJson(MODELS + layer + "/activations", request);
		assertThat(answer.get("neurons").asInt()).isEqualTo(1536);
		for (int t = 0; t < x.length; t++) {
			double[] post = pass(mlp, x[t]).post();
			List<Integer> strongest = IntStream.range(0, post.length)
				.boxed()
				.sorted(Comparator.comparingDouble(n -> -post[n]))
				.limit(5)
				.toList();
			JsonNode token = answer.get("tokens").get(t);
			List<Integer> listed = new ArrayList<>();
			token.get("top").forEach(n -> listed.add(n.get("neuron").asInt()));
			assertThat(listed).as("layer %d token %d", layer, t).isEqualTo(strongest);
			assertThat(token.get("activeCount").asInt())
				.isEqualTo((int) java.util.Arrays.stream(post).filter(v -> v > 0).count());
			assertThat(answer.get("neuron").get("values").get(t).asDouble()).isCloseTo(post[777],
					offset(TOLERANCE * Math.max(1, Math.abs(post[777]))));
		}
	}

	/**
	 * @param pre x·W_up + b_up
	 * @param post GELU(pre) = pre·Φ(pre)
	 * @param out post·W_down + b_down
	 */
	record Pass(double[] pre, double[] post, double[] out) {
	}

	static Pass pass(OnnxMlpReference.Mlp mlp, double[] x) {
		double[] pre = new double[mlp.neurons()];
		double[] post = new double[mlp.neurons()];
		for (int n = 0; n < pre.length; n++) {
			double sum = mlp.upBias()[n];
			for (int i = 0; i < x.length; i++) {
				sum += x[i] * mlp.up()[i][n];
			}
			pre[n] = sum;
			post[n] = sum * 0.5 * Erf.erfc(-sum / Math.sqrt(2));
		}
		double[] out = new double[mlp.dModel()];
		for (int i = 0; i < out.length; i++) {
			double sum = mlp.downBias()[i];
			for (int n = 0; n < post.length; n++) {
				sum += post[n] * mlp.down()[n][i];
			}
			out[i] = sum;
		}
		return new Pass(pre, post, out);
	}

	/** Seeded standard normal vectors, the scale of a LayerNorm's output. */
	static double[][] tokens(int d, int count, long seed) {
		Random random = new Random(seed);
		double[][] out = new double[count][d];
		for (double[] token : out) {
			for (int i = 0; i < d; i++) {
				token[i] = (float) random.nextGaussian();
			}
		}
		return out;
	}

	private ArrayNode array(double[][] rows) {
		ArrayNode out = json.createArrayNode();
		for (double[] row : rows) {
			ArrayNode values = out.addArray();
			for (double v : row) {
				values.add(v);
			}
		}
		return out;
	}

	private static void assertClose(JsonNode actual, double[] expected, String what) {
		assertThat(actual).as(what).hasSize(expected.length);
		double scale = 1;
		for (double v : expected) {
			scale = Math.max(scale, Math.abs(v));
		}
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual.get(i).asDouble()).as("%s[%d]", what, i)
				.isCloseTo(expected[i], offset(TOLERANCE * scale));
		}
	}

	private JsonNode getJson(String path) throws Exception {
		return json
			.readTree(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private JsonNode postJson(String path, JsonNode body) throws Exception {
		return json.readTree(mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body.toString()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

}
