package dev.factlab.transformers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A checkpoint is charged to the model memory budget before its weights are read: the
 * tiny one's 6.6 MB do not fit in 4 MB, which the problem says, and nothing is loaded.
 */
@SpringBootTest(properties = { "factlab.mlp.model-memory-budget=4MB",
		"factlab.transformers.checkpoint-dir=target/gpt2-reference/checkpoints",
		"spring.datasource.url=jdbc:h2:mem:factlab-gpt2-budget;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
@AutoConfigureMockMvc
class Gpt2BudgetTests {

	@Autowired
	MockMvc mvc;

	@BeforeAll
	static void generate() throws Exception {
		Gpt2Reference.generate();
	}

	@Test
	void aCheckpointOverTheModelBudgetIsRefusedBeforeItIsRead() throws Exception {
		mvc.perform(get("/api/v1/transformers/tiny-gpt2"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("factlab.mlp.model-memory-budget")))
			.andExpect(jsonPath("$.detail", containsString("transformer 'tiny-gpt2'")))
			.andExpect(jsonPath("$.modelBytes").value(4 * Gpt2ApiTests.tinyParameters()));
		mvc.perform(get("/api/v1/models/tiny-gpt2-mlp-0")).andExpect(status().isNotFound());
	}

}
