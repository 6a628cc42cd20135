package dev.factlab.params.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import dev.factlab.FactLabTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * POST /api/v1/parameters and its chart: bodies, defaults, and every bad input as
 * problem+json.
 */
@FactLabTest
class ParametersControllerTest {

	@Autowired
	MockMvc mvc;

	private ResultActions postConfig(String json) throws Exception {
		return mvc.perform(post("/api/v1/parameters").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private ResultActions expectProblem(ResultActions result, int status, String... inDetail) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
		for (String part : inDetail) {
			result.andExpect(jsonPath("$.detail", containsString(part)));
		}
		return result;
	}

	@Test
	void countsGpt2SmallWithGpt2Defaults() throws Exception {
		postConfig("""
				{"vocab": 50257, "context": 1024, "dModel": 768, "layers": 12, "heads": 12}""")
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.conventions.full").value(124_439_808L))
			.andExpect(jsonPath("$.config.dHead").value(64))
			.andExpect(jsonPath("$.config.kvHeads").value(12))
			.andExpect(jsonPath("$.config.dFf").value(3072))
			.andExpect(jsonPath("$.config.mlp").value("standard"))
			.andExpect(jsonPath("$.config.norm").value("layernorm"))
			.andExpect(jsonPath("$.config.tiedEmbeddings").value(true))
			.andExpect(jsonPath("$.components[0].name").value("token embedding"))
			.andExpect(jsonPath("$.components[0].category").value("Embedding"))
			.andExpect(jsonPath("$.components[0].countedIn[0]").value("matrices"))
			.andExpect(jsonPath("$.categories[*].category", hasItem("Position embedding")))
			.andExpect(jsonPath("$.flopsPerToken.basis", containsString("token embedding")))
			.andExpect(jsonPath("$.bytes.basis", containsString("full")))
			.andExpect(jsonPath("$.moe").doesNotExist());
	}

	@Test
	void countsLlama2AndAMixtureOfExperts() throws Exception {
		postConfig("""
				{"vocab": 32000, "context": 4096, "dModel": 4096, "layers": 32, "heads": 32, "dFf": 11008,
				 "mlp": "gated", "attentionBias": false, "mlpBias": false, "norm": "rmsnorm", "position": "none",
				 "tiedEmbeddings": false}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.conventions.full").value(6_738_415_616L));
		postConfig("""
				{"vocab": 32000, "context": 32768, "dModel": 4096, "layers": 32, "heads": 32, "kvHeads": 8,
				 "dFf": 14336, "mlp": "gated", "attentionBias": false, "mlpBias": false, "norm": "rmsnorm",
				 "position": "none", "tiedEmbeddings": false, "moe": {"experts": 8, "expertsPerToken": 2}}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.moe.total").value(46_702_792_704L))
			.andExpect(jsonPath("$.moe.active").value(12_879_925_248L))
			.andExpect(jsonPath("$.config.moe.dFf").value(14336));
	}

	@Test
	void chartOfAPostedConfiguration() throws Exception {
		String svg = mvc
			.perform(post("/api/v1/parameters/chart.svg").contentType(MediaType.APPLICATION_JSON).content("""
					{"vocab": 50257, "context": 2048, "dModel": 12288, "layers": 96, "heads": 96}"""))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(svg).startsWith("<svg")
			.contains("MLP 115,964,116,992 (66.2%)", "Attention 57,982,058,496", "Embedding 617,558,016",
					"Unembedding 617,558,016", "175,181,291,520");
	}

	@Test
	void nonPositiveSizeIsABadRequest() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 1024, "dModel": 768, "layers": 0, "heads": 12}"""), 400, "layers",
				"(was 0)")
			.andExpect(jsonPath("$.errors[0].field").value("layers"));
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 1024, "dModel": -768, "layers": 12, "heads": 12}"""), 400, "dModel",
				"(was -768)");
	}

	@Test
	void sizeAboveItsDocumentedBoundIsABadRequest() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 10000001, "context": 1024, "dModel": 768, "layers": 12, "heads": 12}"""), 400, "vocab",
				"10000000", "(was 10000001)");
	}

	@Test
	void missingRequiredSizeIsABadRequest() throws Exception {
		expectProblem(postConfig("""
				{"context": 1024, "dModel": 768, "layers": 12, "heads": 12}"""), 400, "vocab", "null");
	}

	@Test
	void kvHeadsNotDividingHeadsIsABadRequest() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 32000, "context": 4096, "dModel": 4096, "layers": 32, "heads": 32, "kvHeads": 5}"""), 400,
				"kvHeads must divide heads: heads=32, kvHeads=5")
			.andExpect(jsonPath("$.heads").value(32))
			.andExpect(jsonPath("$.kvHeads").value(5));
	}

	@Test
	void expertsPerTokenAboveExpertsIsABadRequest() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 32000, "context": 4096, "dModel": 4096, "layers": 32, "heads": 32,
				 "moe": {"experts": 8, "expertsPerToken": 9}}"""), 400, "experts=8, expertsPerToken=9");
	}

	@Test
	void defaultDHeadThatIsNotWholeIsABadRequest() throws Exception {
		// GPT-3 13B as Table 2.1 prints it
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 2048, "dModel": 5140, "layers": 40, "heads": 40}"""), 400,
				"dModel=5140, heads=40", "give dHead explicitly");
		postConfig("""
				{"vocab": 50257, "context": 2048, "dModel": 5140, "layers": 40, "heads": 40, "dHead": 128}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.warnings[0]", containsString("40 × 128 = 5,120")));
	}

	@Test
	void overflowingCountIsABadRequestNamingTheValues() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 2048, "dModel": 1000000, "layers": 10000, "heads": 100000,
				 "dHead": 1000000}"""), 400, "dModel=1000000", "layers=10000", "heads=100000", "dHead=1000000")
			.andExpect(jsonPath("$.title").value("Parameter count overflows"));
	}

	@Test
	void unknownKindAndUnknownFieldAreBadRequests() throws Exception {
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 1024, "dModel": 768, "layers": 12, "heads": 12, "mlp": "swiglu"}"""), 400,
				"swiglu");
		expectProblem(postConfig("""
				{"vocab": 50257, "context": 1024, "dModel": 768, "layers": 12, "heads": 12, "dmodel": 768}"""), 400,
				"dmodel");
	}

	@Test
	void unknownChartConventionIsABadRequest() throws Exception {
		expectProblem(
				mvc.perform(
						post("/api/v1/parameters/chart.svg?convention=kaplan").contentType(MediaType.APPLICATION_JSON)
							.content("""
									{"vocab": 50257, "context": 1024, "dModel": 768, "layers": 12, "heads": 12}""")),
				400, "[matrices, full]", "'kaplan'");
	}

	@Test
	void presetsAreListedWithTheirSources() throws Exception {
		mvc.perform(get("/api/v1/parameters/presets"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(14)))
			.andExpect(jsonPath("$[*].name", hasItem("gpt3-175b")))
			.andExpect(jsonPath("$[*].name", hasItem("llama-3-8b")))
			.andExpect(jsonPath("$[0].source", containsString("Table 2.1")));
	}

}
