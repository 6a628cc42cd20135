package dev.factlab.mlp;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Every client mistake gets its status and an RFC 9457 problem whose detail says what was
 * expected and what came.
 */
@FactLabTest
class BadInputTests {

	static final String MJ = "/api/v1/models/michael-jordan";

	static final String ZEROS_12 = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";

	@Autowired
	MockMvc mvc;

	static Stream<Arguments> mistakes() {
		return Stream.of(Arguments.of("malformed JSON", MJ + "/forward", "{\"tokens\": [[1, 2,", 400, "line 1"),
				Arguments.of("not JSON at all", MJ + "/forward", "tokens=1", 400, "not valid JSON"),
				Arguments.of("missing body", MJ + "/forward", "", 400, "body"),
				Arguments.of("wrong vector length", MJ + "/forward", "{\"tokens\": [[1, 2, 3]]}", 400,
						"token 0 expected 12 numbers (dModel of model 'michael-jordan') but had 3"),
				Arguments.of("NaN literal", MJ + "/forward", "{\"tokens\": [[NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}",
						400, "NaN"),
				Arguments.of("overflowing number", MJ + "/forward",
						"{\"tokens\": [[0, 1e999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}", 400,
						"token 0, component 1 must be a finite float32 number but was Infinity"),
				Arguments.of("number as string", MJ + "/forward", "{\"tokens\": [[\"NaN\", 0]]}", 400,
						"token vector element 0 must be a number but was a string"),
				Arguments.of("token of the wrong kind", MJ + "/forward", "{\"tokens\": [true]}", 400,
						"a token must be an array of dModel numbers or an object of direction names"),
				Arguments.of("empty token list", MJ + "/forward", "{\"tokens\": []}", 400,
						"tokens must hold at least one token"),
				Arguments.of("no tokens at all", MJ + "/forward", "{}", 400, "tokens must hold at least one token"),
				Arguments.of("unknown field", MJ + "/forward", "{\"tokenz\": []}", 400, "unknown field 'tokenz'"),
				Arguments.of("unknown direction", MJ + "/forward", "{\"tokens\": [{\"first:Micheal\": 1}]}", 400,
						"unknown direction 'first:Micheal' for model 'michael-jordan'; closest: first:Michael"),
				Arguments.of("non-numeric coefficient", MJ + "/forward", "{\"tokens\": [{\"first:Michael\": \"one\"}]}",
						400, "the coefficient of direction 'first:Michael' must be a number but was a string"),
				Arguments.of("empty named token", MJ + "/forward", "{\"tokens\": [{}]}", 400,
						"token 0 is an empty object"),
				Arguments.of("unknown stage", MJ + "/forward",
						"{\"tokens\": [" + ZEROS_12 + "], \"include\": [\"logits\"]}", 400,
						"include may hold preActivations, activations, output, residual but had 'logits'"),
				Arguments.of("topK zero", MJ + "/activations", "{\"tokens\": [" + ZEROS_12 + "], \"topK\": 0}", 400,
						"topK must be between 1 and 2"),
				Arguments.of("topK above neurons", MJ + "/activations", "{\"tokens\": [" + ZEROS_12 + "], \"topK\": 3}",
						400, "topK must be between 1 and 2 (the neurons of model 'michael-jordan') but was 3"),
				Arguments.of("neuron out of range", MJ + "/activations",
						"{\"tokens\": [" + ZEROS_12 + "], \"neuron\": 2}", 400, "neuron must be between 0 and 1"),
				Arguments.of("unknown model", "/api/v1/models/nope/forward", "{\"tokens\": [[1]]}", 404,
						"no model with id 'nope'"),
				Arguments.of("too many tokens", MJ + "/forward",
						"{\"tokens\": [" + (ZEROS_12 + ",").repeat(FactLabTest.MAX_TOKENS) + ZEROS_12 + "]}", 413,
						"tokens per request: limit is 100 tokens but the request asks for 101 tokens"),
				Arguments.of("W_down transposed", "/api/v1/models",
						"{\"wUp\": [[1, 0, 0], [0, 1, 0]], \"wDown\": [[1, 0, 0], [0, 1, 0]]}", 400,
						"wDown expected [dModel=3, neurons=2] but was [2, 3]"),
				Arguments.of("ragged W_up", "/api/v1/models",
						"{\"wUp\": [[1, 0, 0], [0, 1]], \"wDown\": [[1, 0], [0, 1], [0, 0]]}", 400,
						"wUp row 1 expected 3 numbers but had 2"),
				Arguments.of("wrong bias length", "/api/v1/models",
						"{\"wUp\": [[1, 0]], \"wDown\": [[1], [0]], \"bUp\": [1, 2]}", 400,
						"bUp expected [neurons=1] but was [2]"),
				Arguments.of("unknown activation", "/api/v1/models",
						"{\"activation\": \"softmax\", \"random\": {\"dModel\": 4, \"neurons\": 4}}", 400,
						"activation must be one of relu, gelu, gelu_tanh, silu but was 'softmax'"),
				Arguments.of("weights and random", "/api/v1/models",
						"{\"wUp\": [[1]], \"wDown\": [[1]], \"random\": {\"dModel\": 4, \"neurons\": 4}}", 400,
						"not both"),
				Arguments.of("neither weights nor random", "/api/v1/models", "{\"activation\": \"relu\"}", 400,
						"give either explicit weights"),
				Arguments.of("non-positive size", "/api/v1/models", "{\"random\": {\"dModel\": 0, \"neurons\": 4}}",
						400, "dModel and neurons must be positive but were dModel=0, neurons=4"),
				Arguments.of("dModel over the limit", "/api/v1/models",
						"{\"random\": {\"dModel\": 5000, \"neurons\": 4}}", 413,
						"dModel: limit is 4,096 dimensions but the request asks for 5,000 dimensions"),
				Arguments.of("over the memory budget", "/api/v1/models",
						"{\"random\": {\"dModel\": 4096, \"neurons\": 4096}}", 413, "model memory budget"),
				Arguments.of("bad init scale", "/api/v1/models",
						"{\"random\": {\"dModel\": 4, \"neurons\": 4, \"initScale\": -1}}", 400,
						"initScale must be in (0, 100]"),
				Arguments.of("id not a slug", "/api/v1/models",
						"{\"id\": \"My Model\", \"random\": {\"dModel\": 4, \"neurons\": 4}}", 400,
						"id must be a slug"),
				Arguments.of("id of a built-in", "/api/v1/models",
						"{\"id\": \"michael-jordan\", \"random\": {\"dModel\": 4, \"neurons\": 4}}", 409,
						"a model with id 'michael-jordan' already exists"),
				Arguments.of("NaN weight as string", "/api/v1/models", "{\"wUp\": [[\"NaN\"]], \"wDown\": [[1]]}", 400,
						"wUp[0][0] must be a finite float32 number but was NaN"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void isAProblem(String mistake, String path, String body, int status, String detail) throws Exception {
		expectProblem(mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)), status, detail);
	}

	@Test
	void aBodyOverTheByteLimitIs413BeforeItIsRead() throws Exception {
		byte[] body = new byte[(int) FactLabTest.MAX_REQUEST_BYTES + 1];
		java.util.Arrays.fill(body, (byte) ' ');
		ResultActions result = mvc.perform(post(MJ + "/forward").contentType(MediaType.APPLICATION_JSON).content(body));
		expectProblem(result, 413, "limit is 2,097,152 bytes but the request asks for 2,097,153 bytes");
		result.andExpect(jsonPath("$.limit").value(FactLabTest.MAX_REQUEST_BYTES))
			.andExpect(jsonPath("$.requested").value(FactLabTest.MAX_REQUEST_BYTES + 1));
	}

	@Test
	void anUnknownNeuronIs404() throws Exception {
		expectProblem(mvc.perform(get(MJ + "/neurons/2")), 404,
				"neuron 2 does not exist: model 'michael-jordan' has neurons 0 to 1");
		expectProblem(mvc.perform(get(MJ + "/neurons/two")), 400, "Parameter 'index' expected int but was 'two'");
	}

	@Test
	void builtInsCantBeDeleted() throws Exception {
		expectProblem(mvc.perform(delete(MJ)), 409, "model 'michael-jordan' is built in and can't be deleted");
		expectProblem(mvc.perform(delete("/api/v1/models/nope")), 404, "no model with id 'nope'");
	}

	@Test
	void wrongMediaTypeAndMethodAreProblemsToo() throws Exception {
		mvc.perform(post(MJ + "/forward").contentType(MediaType.TEXT_PLAIN).content("hi"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/models"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	static void expectProblem(ResultActions result, int status, String detail) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").isString())
			.andExpect(jsonPath("$.detail", allOf(containsString(detail))))
			.andExpect(jsonPath("$.instance").isString())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("dev.factlab"))));
	}

}
