package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A forward pass with {@code activation}: the lesson's block through GELU instead of its
 * ReLU, without changing the model (the explorer's ReLU/GELU switch).
 */
@FactLabTest
class ActivationOverrideTests {

	/** Exact GELU, 0.5·x·(1 + erf(x/√2)), from Python's math.erf at x = 1 and x = −1. */
	static final double GELU_OF_1 = 0.8413447460685429;

	static final double GELU_OF_MINUS_1 = -0.15865525393145707;

	static final String JORDAN_AND_ALEXIS_PHELPS = """
			{"tokens": [{"first:Michael": 1, "last:Jordan": 1}, {"first:Alexis": 1, "last:Phelps": 1}],
			 "include": ["preActivations", "activations", "residual"]%s}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	ResultActions forward(String extra) throws Exception {
		return mvc.perform(post("/api/v1/models/michael-jordan/forward").contentType(MediaType.APPLICATION_JSON)
			.content(JORDAN_AND_ALEXIS_PHELPS.formatted(extra)));
	}

	@Test
	void geluReplacesTheAndGatesSharpCornerAndLeaksBelowZero() throws Exception {
		JsonNode body = json.readTree(forward(", \"activation\": \"gelu\"").andExpect(status().isOk())
			.andExpect(jsonPath("$.activation").value("gelu"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		JsonNode jordan = body.get("tokens").get(0);
		JsonNode alexisPhelps = body.get("tokens").get(1);
		// The questions and biases don't depend on the activation: pre = (M + J)·E − 1.
		assertThat(jordan.get("preActivations").get(0).asDouble()).isEqualTo(1.0);
		assertThat(alexisPhelps.get("preActivations").get(0).asDouble()).isEqualTo(-1.0);
		assertThat(jordan.get("activations").get(0).asDouble()).isCloseTo(GELU_OF_1, within(1e-6));
		assertThat(alexisPhelps.get("activations").get(0).asDouble()).isCloseTo(GELU_OF_MINUS_1, within(1e-6));
		assertThat(MlpApiTests.feature(jordan, "sport:basketball")).isCloseTo(GELU_OF_1, within(1e-6));
		assertThat(MlpApiTests.feature(alexisPhelps, "sport:basketball")).isCloseTo(GELU_OF_MINUS_1, within(1e-6));
	}

	@Test
	void theModelKeepsItsOwnActivation() throws Exception {
		forward(", \"activation\": \"gelu\"").andExpect(status().isOk());
		mvc.perform(get("/api/v1/models/michael-jordan")).andExpect(jsonPath("$.activation").value("relu"));
		forward("").andExpect(status().isOk())
			.andExpect(jsonPath("$.activation").value("relu"))
			.andExpect(jsonPath("$.tokens[0].activations[0]").value(1.0))
			.andExpect(jsonPath("$.tokens[1].activations[0]").value(0.0));
	}

	@Test
	void anUnknownActivationIsAProblemNamingTheKnownOnes() throws Exception {
		forward(", \"activation\": \"tanh\"").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Unknown activation"))
			.andExpect(jsonPath("$.detail").value("activation may be relu, gelu, gelu_tanh, silu but was 'tanh'"));
	}

}
