package dev.factlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * api/openapi.yaml is the committed contract: this test fails when it drifts from what
 * the app serves. Regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTests -Dfactlab.openapi.write=true} and commit
 * it.
 */
@FactLabTest
class OpenApiContractTests {

	static final Path CONTRACT = Path.of("api", "openapi.yaml");

	@Autowired
	MockMvc mvc;

	@Test
	void committedContractMatchesTheServedDocument() throws Exception {
		String served = mvc.perform(get("/v3/api-docs.yaml"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		if (Boolean.getBoolean("factlab.openapi.write")) {
			Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
		}
		String committed = Files.exists(CONTRACT) ? Files.readString(CONTRACT, StandardCharsets.UTF_8) : "";
		assertThat(committed.replace("\r\n", "\n"))
			.as("api/openapi.yaml differs from the served /v3/api-docs.yaml. Regenerate it with "
					+ "`./mvnw test -Dtest=OpenApiContractTests -Dfactlab.openapi.write=true`, review the diff, commit it.")
			.isEqualTo(served.replace("\r\n", "\n"));
	}

	@Test
	void everyOperationIsDescribed() throws Exception {
		String served = mvc.perform(get("/v3/api-docs"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		tools.jackson.databind.JsonNode doc = new tools.jackson.databind.ObjectMapper().readTree(served);
		doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			assertThat(op.getValue().path("summary").asString()).as("summary of %s %s", op.getKey(), path.getKey())
				.isNotBlank();
			assertThat(op.getValue().path("description").asString())
				.as("description of %s %s", op.getKey(), path.getKey())
				.isNotBlank();
		}));
		assertThat(doc.at("/components/schemas/Token/oneOf").size()).isEqualTo(2);
	}

	@Test
	void everySchemaFieldIsDescribed() throws Exception {
		String served = mvc.perform(get("/v3/api-docs"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		tools.jackson.databind.JsonNode schemas = new tools.jackson.databind.ObjectMapper().readTree(served)
			.at("/components/schemas");
		java.util.List<String> undescribed = new java.util.ArrayList<>();
		schemas.properties().forEach(schema -> schema.getValue().path("properties").properties().forEach(field -> {
			if (field.getValue().path("description").asString("").isBlank()) {
				undescribed.add(schema.getKey() + "." + field.getKey());
			}
		}));
		assertThat(undescribed).as("schema fields without a description").isEmpty();
	}

}
