package dev.factlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.factlab.jobs.JobHandler;
import dev.factlab.jobs.JobLimits;
import dev.factlab.jobs.Jobs;
import dev.factlab.mlp.MlpLimits;
import dev.factlab.web.FactLabProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * api/openapi.yaml is the committed contract: this test fails when it drifts from what
 * the app serves. Regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTests -Dfactlab.openapi.write=true} and commit
 * it.
 */
@ServedAppTest
class OpenApiContractTests {

	static final Path CONTRACT = Path.of("api", "openapi.yaml");

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	MlpLimits mlpLimits;

	@Autowired
	JobLimits jobLimits;

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
		JsonNode doc = new ObjectMapper().readTree(served);
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
		JsonNode schemas = new ObjectMapper().readTree(served).at("/components/schemas");
		List<String> undescribed = new ArrayList<>();
		schemas.properties().forEach(schema -> schema.getValue().path("properties").properties().forEach(field -> {
			if (field.getValue().path("description").asString("").isBlank()) {
				undescribed.add(schema.getKey() + "." + field.getKey());
			}
		}));
		assertThat(undescribed).as("schema fields without a description").isEmpty();
	}

	@Test
	void theLimitsAreListedFromTheRecordsWithThisServersValues() throws Exception {
		String description = new ObjectMapper().readTree(
				mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.at("/info/description")
			.asString();
		List<FactLabProperties.Property> properties = FactLabProperties.all();
		assertThat(properties).extracting(FactLabProperties.Property::name)
			.contains("factlab.mlp.max-tokens-per-request", "factlab.angles.max-vectors", "factlab.jobs.max-queued",
					"factlab.web.max-request-bytes");
		for (FactLabProperties.Property property : properties) {
			assertThat(description).contains(
					"- `%s` = %s: %s".formatted(property.name(), property.defaultValue(), property.description()));
		}
		assertThat(description).contains("- `factlab.mlp.max-tokens-per-request` = " + mlpLimits.maxTokensPerRequest())
			.contains("- `factlab.jobs.max-queued` = " + jobLimits.maxQueued());
	}

	@Test
	void everyDocumented406IsAProblemForAnAcceptWithoutJson() throws Exception {
		JsonNode paths = new ObjectMapper().readTree(
				mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.path("paths");
		List<String> checked = new ArrayList<>();
		for (var path : paths.properties()) {
			JsonNode operation = path.getValue().path("get");
			if (operation.at("/responses/406").isMissingNode() || path.getKey().contains("{")) {
				continue;
			}
			mvc.perform(get(path.getKey()).accept("text/csv"))
				.andExpect(status().isNotAcceptable())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.status").value(406))
				.andExpect(jsonPath("$.detail").isNotEmpty());
			checked.add(path.getKey());
		}
		assertThat(checked).contains("/api/v1", "/api/v1/models", "/api/v1/parameters/presets");
	}

	@Test
	void everyJobKindHasItsSubmitOperation() throws Exception {
		JsonNode paths = new ObjectMapper().readTree(
				mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.path("paths");
		for (JobHandler<?, ?> handler : jobs.handlers()) {
			JsonNode post = paths.path("/api/v1/jobs/" + handler.kind()).path("post");
			assertThat(post.path("operationId").asString()).isEqualTo(handler.endpoint().operationId());
			assertThat(post.at("/requestBody/content/application~1json/schema/$ref").asString())
				.endsWith("/" + handler.requestType().getSimpleName());
			assertThat(post.path("responses").propertyNames()).contains("202", "400", "409", "413", "429");
		}
		assertThat(paths.path("/api/v1/jobs/angle-distribution").path("post").path("operationId").asString())
			.isEqualTo("submitAngleDistributionJob");
		assertThat(paths.has("/api/v1/jobs/count")).as("test kinds stay out of the contract").isFalse();
	}

}
