package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * all-MiniLM-L6-v2 is loaded on first use, not at start-up, and then charged to the model
 * memory budget: in a context of its own (closed afterwards), nothing of it is in
 * /api/v1/models until a trace, after which its six MLPs are there and the budget's used
 * bytes have risen by its weights and the products' copies of its projections, counted
 * here from the model card's shapes.
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=256MB",
		"spring.datasource.url=jdbc:h2:mem:factlab-minilm-loading;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
@DirtiesContext
class MiniLmLoadingTests {

	static final int D = 384;

	static final int NEURONS = 1536;

	static final int LAYERS = 6;

	/**
	 * Word, position and token-type embeddings and their LayerNorm, then per layer the
	 * four attention projections with biases, two LayerNorms and the MLP.
	 */
	static final long PARAMETERS = 30_522L * D + 512L * D + 2L * D + 2L * D
			+ LAYERS * (4L * (D * D + D) + 2L * 2 * D + (long) D * NEURONS + NEURONS + (long) NEURONS * D + D);

	/** The products keep each projection matrix once more: Q, K, V, O, W_up, W_down. */
	static final long PROJECTION_COPIES = LAYERS * (4L * D * D + 2L * D * NEURONS);

	@Autowired
	MockMvc mvc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void loadsOnFirstUseAndChargesItsBytesToTheModelBudget() throws Exception {
		assertThat(PARAMETERS).isEqualTo(22_713_216L - (D * D + D)); // the model card
																		// less
																		// the pooler
		JsonNode before = getJson("/api/v1/models");
		assertThat(ids(before)).noneMatch(id -> id.startsWith(Transformers.MINILM));

		mvc.perform(post(TransformerApiTests.MINILM + "/trace").contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"Michael Jordan plays the sport of\"}")).andExpect(status().isOk());

		JsonNode after = getJson("/api/v1/models");
		List<String> mlps = java.util.stream.IntStream.range(0, LAYERS)
			.mapToObj(l -> Transformers.MINILM + "-mlp-" + l)
			.toList();
		assertThat(ids(after)).containsAll(mlps);
		long charged = Float.BYTES * (PARAMETERS + PROJECTION_COPIES);
		assertThat(used(after) - used(before)).isEqualTo(charged);
		assertThat(processModels(after) - processModels(before)).isEqualTo(charged);
		JsonNode info = getJson(TransformerApiTests.MINILM);
		assertThat(info.get("loaded").asBoolean()).isTrue();
		assertThat(info.get("bytes").asLong()).isEqualTo(Float.BYTES * PARAMETERS);

		// a second use loads nothing more
		mvc.perform(post(TransformerApiTests.MINILM + "/trace").contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"basketball\"}")).andExpect(status().isOk());
		assertThat(used(getJson("/api/v1/models"))).isEqualTo(used(after));
	}

	private static long used(JsonNode models) {
		return models.get("memory").get("usedBytes").asLong();
	}

	private static long processModels(JsonNode models) {
		return models.get("memory").get("process").get("byUse").path("models").asLong(0);
	}

	private static List<String> ids(JsonNode models) {
		List<String> out = new ArrayList<>();
		models.get("models").forEach(m -> out.add(m.get("id").asString()));
		return out;
	}

	private JsonNode getJson(String path) throws Exception {
		return json
			.readTree(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

}
