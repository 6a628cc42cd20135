package dev.factlab.transformers;

import java.util.stream.Stream;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The transformer endpoints over HTTP on the real weights (in a context of their own with
 * a model budget that holds the 91 MB of all-MiniLM-L6-v2).
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB", "factlab.transformers.max-tokens=64",
		"spring.datasource.url=jdbc:h2:mem:factlab-transformers;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class TransformerApiTests {

	static final String MINILM = "/api/v1/transformers/all-minilm-l6-v2";

	static final String PROBE = "Michael Jordan plays the sport of";

	@Autowired
	MockMvc mvc;

	@Autowired
	TransformerLimits limits;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void describeCountsTheParametersLikeTheParamsModule() throws Exception {
		mvc.perform(get("/api/v1/transformers"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("all-minilm-l6-v2"));
		JsonNode info = body(mvc.perform(get(MINILM)).andExpect(status().isOk()).andReturn());
		assertThat(info.get("layers").asInt()).isEqualTo(6);
		assertThat(info.get("dModel").asInt()).isEqualTo(384);
		assertThat(info.get("neurons").asInt()).isEqualTo(1536);
		// the published 22,713,216 (22.7 M) of all-MiniLM-L6-v2 includes BERT's pooler
		// (384 × 384 + 384), which
		// sentence-transformers doesn't use and the ONNX file doesn't hold
		assertThat(info.get("parameters").asLong()).isEqualTo(22_713_216L - (384 * 384 + 384));
		assertThat(info.get("accounting").get("total").asLong()).isEqualTo(info.get("parameters").asLong());
		JsonNode config = info.get("accounting").get("config");
		long params = body(mvc
			.perform(post("/api/v1/parameters").contentType(MediaType.APPLICATION_JSON).content(config.toString()))
			.andExpect(status().isOk())
			.andReturn()).get("conventions").get("full").asLong();
		assertThat(params + info.get("accounting").get("outsideTheShape").asLong())
			.isEqualTo(info.get("parameters").asLong());
	}

	@Test
	void traceListsTopNeuronsPerLayerAndToken() throws Exception {
		JsonNode trace = body(mvc
			.perform(post(MINILM + "/trace").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"topK\": 3}".formatted(PROBE)))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(trace.get("tokens").size()).isEqualTo(8);
		assertThat(trace.get("tokens").get(1).get("piece").asString()).isEqualTo("michael");
		assertThat(trace.get("layers").size()).isEqualTo(6);
		JsonNode token = trace.get("layers").get(5).get("tokens").get(2);
		assertThat(token.get("top").size()).isEqualTo(3);
		assertThat(token.get("top").get(0).get("activation").asDouble())
			.isGreaterThanOrEqualTo(token.get("top").get(1).get("activation").asDouble());
		assertThat(token.get("residualNorm").asDouble()).isPositive();
		assertThat(trace.has("embeddingChange")).isFalse();
	}

	@Test
	void ablatingTheTopNeuronsMovesTheEmbeddingAndNothingMovesNothing() throws Exception {
		JsonNode none = body(mvc
			.perform(post(MINILM + "/trace").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"ablate\": [{\"layer\": 2, \"neurons\": []}]}".formatted(PROBE)))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(none.get("embeddingChange").get("cosine").asDouble()).isEqualTo(1.0, within(1e-6));
		assertThat(none.get("embeddingChange").get("distance").asDouble()).isZero();
		JsonNode some = body(mvc
			.perform(post(MINILM + "/trace").contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"%s\", \"ablate\": [{\"layer\": 2, \"neurons\": [0, 1, 2, 3, 4, 5, 6, 7]}]}"
					.formatted(PROBE)))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(some.get("embeddingChange").get("distance").asDouble()).isPositive();
	}

	@Test
	void theFactProbeRanksCandidatesAndFindsMarginMovers() throws Exception {
		JsonNode sim = body(mvc.perform(post(MINILM + "/similarity").contentType(MediaType.APPLICATION_JSON).content("""
				{"text": "%s", "candidates": ["basketball", "tennis", "swimming", "golf"],
				 "target": "basketball", "ablate": [{"layer": 5, "neurons": [1, 2, 3]}]}""".formatted(PROBE)))
			.andExpect(status().isOk())
			.andReturn());
		JsonNode candidates = sim.get("candidates");
		double basketball = candidates.get(0).get("cosine").asDouble();
		for (int c = 1; c < candidates.size(); c++) {
			assertThat(basketball).as("basketball beats %s", candidates.get(c).get("text"))
				.isGreaterThan(candidates.get(c).get("cosine").asDouble());
		}
		assertThat(candidates.get(0).has("ablatedCosine")).isTrue();
		JsonNode movers = sim.get("marginMovers");
		assertThat(movers.size()).isEqualTo(10);
		assertThat(Math.abs(movers.get(0).get("marginChange").asDouble()))
			.isGreaterThanOrEqualTo(Math.abs(movers.get(9).get("marginChange").asDouble()));
	}

	@Test
	void eachLayersMlpIsAReadOnlyModel() throws Exception {
		mvc.perform(get(MINILM)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.models[*].id", hasItem("all-minilm-l6-v2-mlp-5")));
		mvc.perform(get("/api/v1/models/all-minilm-l6-v2-mlp-0"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dModel").value(384))
			.andExpect(jsonPath("$.neurons").value(1536));
		mvc.perform(delete("/api/v1/models/all-minilm-l6-v2-mlp-0")).andExpect(status().isConflict());
	}

	static Stream<Arguments> mistakes() {
		return Stream.of(Arguments.of("empty text", "/trace", "{\"text\": \"  \"}", 400, "text must contain"),
				Arguments.of("missing text", "/trace", "{}", 400, "text must contain"),
				Arguments.of("over-long text", "/trace", "{\"text\": \"%s\"}".formatted("word ".repeat(100)), 413,
						"64"),
				Arguments.of("unknown layer", "/trace",
						"{\"text\": \"a\", \"ablate\": [{\"layer\": 9, \"neurons\": [1]}]}", 400,
						"layer 9 does not exist"),
				Arguments.of("unknown neuron", "/trace",
						"{\"text\": \"a\", \"ablate\": [{\"layer\": 0, \"neurons\": [5000]}]}", 400,
						"neuron 5000 does not exist"),
				Arguments.of("bad topK", "/trace", "{\"text\": \"a\", \"topK\": 0}", 400, "topK must be between 1"),
				Arguments.of("no candidates", "/similarity", "{\"text\": \"a\", \"candidates\": []}", 400,
						"candidates must hold"),
				Arguments.of("target not a candidate", "/similarity",
						"{\"text\": \"a\", \"candidates\": [\"b\", \"c\"], \"target\": \"d\"}", 400,
						"target 'd' is not one of the candidates"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void badInputIsAProblem(String name, String path, String body, int status, String detail) throws Exception {
		mvc.perform(post(MINILM + path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(detail)));
	}

	/**
	 * A text over factlab.transformers.max-text-chars (one character more, not blank) is
	 * refused before it is tokenised: 413 with the cap, the request's length and the key
	 * in the detail, on trace and on either side of a similarity.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("overlongTexts")
	void aTextOverTheCharacterCapIsA413NamingTheCap(String path, String field, String template) throws Exception {
		int cap = limits.maxTextChars();
		mvc.perform(post(MINILM + path).contentType(MediaType.APPLICATION_JSON)
			.content(template.formatted("x".repeat(cap + 1))))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(413))
			.andExpect(
					jsonPath("$.detail").value(("characters of %s (factlab.transformers.max-text-chars): limit is %,d "
							+ "characters but the request asks for %,d characters")
						.formatted(field, cap, cap + 1)))
			.andExpect(jsonPath("$.limit").value(cap))
			.andExpect(jsonPath("$.requested").value(cap + 1))
			.andExpect(jsonPath("$.unit").value("characters"));
	}

	static Stream<Arguments> overlongTexts() {
		return Stream.of(Arguments.of("/trace", "text", "{\"text\": \"%s\"}"),
				Arguments.of("/similarity", "text", "{\"text\": \"%s\", \"candidates\": [\"a\"]}"),
				Arguments.of("/similarity", "candidates[1]", "{\"text\": \"a\", \"candidates\": [\"b\", \"%s\"]}"));
	}

	@Test
	void anUnknownTransformerIsNotFound() throws Exception {
		mvc.perform(get("/api/v1/transformers/gpt-7"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("no transformer with id 'gpt-7'")));
	}

	private JsonNode body(MvcResult result) throws Exception {
		return json.readTree(result.getResponse().getContentAsString());
	}

	private static org.assertj.core.data.Offset<Double> within(double value) {
		return org.assertj.core.data.Offset.offset(value);
	}

}
