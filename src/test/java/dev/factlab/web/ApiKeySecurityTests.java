package dev.factlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A server with two API keys and a CORS allow-list: calls that create, delete, start or
 * cancel need a key, reads and computations don't, idempotency keys are per client, and
 * anonymous health is status only.
 */
@SpringBootTest(properties = { ApiKeySecurityTests.KEYS, ApiKeySecurityTests.ORIGINS,
		"spring.datasource.url=jdbc:h2:mem:factlab-keys;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
		FactLabTest.FAST_POLLING })
@AutoConfigureMockMvc
class ApiKeySecurityTests {

	static final String ALICE = "alice-0123456789abcdef";

	static final String BOB = "bob-fedcba9876543210";

	static final String KEYS = "factlab.security.api-keys=" + ALICE + "," + BOB;

	static final String ORIGINS = "factlab.security.cors-allowed-origins=https://lab.example.org";

	static final String MODEL = "{\"id\": \"%s\", \"random\": {\"dModel\": 4, \"neurons\": 8, \"seed\": 1}}";

	@Autowired
	MockMvc mvc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void creatingAModelWithoutAKeyIs401WithAChallengeAndAProblem() throws Exception {
		mvc.perform(json(post("/api/v1/models"), MODEL.formatted("no-key")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, ProblemEntryPoint.CHALLENGE))
			.andExpect(jsonPath("$.title").value("API key required"))
			.andExpect(jsonPath("$.detail", containsString("X-API-Key")))
			.andExpect(jsonPath("$.instance").value("/api/v1/models"));
		mvc.perform(get("/api/v1/models/no-key")).andExpect(status().isNotFound());
	}

	@Test
	void aWrongKeyIs401EvenOnAReadAndNothingIsCreated() throws Exception {
		mvc.perform(json(post("/api/v1/models"), MODEL.formatted("wrong-key")).header(ApiKeyFilter.HEADER,
				"not-a-key-0000000000"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("no key this server accepts")));
		mvc.perform(get("/api/v1/models").header(ApiKeyFilter.HEADER, "x")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/models/wrong-key")).andExpect(status().isNotFound());
	}

	@Test
	void aKeyCreatesAndDeletesAModelThatAnyoneCanRead() throws Exception {
		mvc.perform(json(post("/api/v1/models"), MODEL.formatted("keyed")).header(ApiKeyFilter.HEADER, ALICE))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/models/keyed")).andExpect(status().isOk());
		mvc.perform(delete("/api/v1/models/keyed")).andExpect(status().isUnauthorized());
		mvc.perform(delete("/api/v1/models/keyed").header(ApiKeyFilter.HEADER, BOB)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/models/keyed")).andExpect(status().isNotFound());
	}

	@Test
	void readsAndComputationsStayOpen() throws Exception {
		mvc.perform(get("/api/v1/models")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/jobs")).andExpect(status().isOk());
		mvc.perform(json(post("/api/v1/models/michael-jordan/forward"), "{\"tokens\": [{\"first:Michael\": 1}]}"))
			.andExpect(status().isOk());
		mvc.perform(json(post("/api/v1/models/michael-jordan/activations"), "{\"tokens\": [{\"first:Michael\": 1}]}"))
			.andExpect(status().isOk());
		mvc.perform(json(post("/api/v1/parameters"),
				"{\"vocab\": 50257, \"context\": 1024, \"dModel\": 768, \"layers\": 12, \"heads\": 12}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conventions.full").value(124_439_808L));
	}

	@Test
	void startingAndCancellingAJobNeedAKey() throws Exception {
		String spec = "{\"steps\": 1000000, \"stepMillis\": 10}";
		mvc.perform(json(post("/api/v1/jobs/count"), spec)).andExpect(status().isUnauthorized());
		String id = read(mvc.perform(json(post("/api/v1/jobs/count"), spec).header(ApiKeyFilter.HEADER, ALICE))
			.andExpect(status().isAccepted())).get("id").asString();
		mvc.perform(get("/api/v1/jobs/{id}", id)).andExpect(status().isOk());
		mvc.perform(delete("/api/v1/jobs/{id}", id)).andExpect(status().isUnauthorized());
		mvc.perform(delete("/api/v1/jobs/{id}", id).header(ApiKeyFilter.HEADER, ALICE))
			.andExpect(status().is2xxSuccessful());
	}

	@Test
	void idempotencyKeysBelongToTheirClient() throws Exception {
		String key = UUID.randomUUID().toString();
		String quick = "{\"steps\": 2, \"stepMillis\": 1}";
		String other = "{\"steps\": 3, \"stepMillis\": 1}";
		JsonNode alice = read(mvc
			.perform(json(post("/api/v1/jobs/count"), quick).header(ApiKeyFilter.HEADER, ALICE)
				.header("Idempotency-Key", key))
			.andExpect(status().isAccepted()));
		// Bob's same key with another spec is no conflict, and makes Bob's own job
		JsonNode bob = read(mvc
			.perform(json(post("/api/v1/jobs/count"), other).header(ApiKeyFilter.HEADER, BOB)
				.header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().doesNotExist("Idempotent-Replayed")));
		assertThat(bob.get("id")).isNotEqualTo(alice.get("id"));
		// Alice's repeat is replayed, and a changed spec under her key is her conflict
		JsonNode again = read(mvc
			.perform(json(post("/api/v1/jobs/count"), quick).header(ApiKeyFilter.HEADER, ALICE)
				.header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Idempotent-Replayed", "true")));
		assertThat(again.get("id")).isEqualTo(alice.get("id"));
		mvc.perform(json(post("/api/v1/jobs/count"), other).header(ApiKeyFilter.HEADER, ALICE)
			.header("Idempotency-Key", key))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.jobId").value(alice.get("id").asString()));
	}

	@Test
	void anonymousHealthIsStatusOnlyAndAKeySeesTheDetails() throws Exception {
		JsonNode anonymous = read(mvc.perform(get("/actuator/health")).andExpect(status().isOk()));
		// the status and the probe group names; no components, no disk path or sizes
		assertThat(List.copyOf(anonymous.propertyNames())).containsExactlyInAnyOrder("status", "groups");
		assertThat(anonymous.toString()).doesNotContain("diskSpace", "path", "free");
		JsonNode keyed = read(
				mvc.perform(get("/actuator/health").header(ApiKeyFilter.HEADER, ALICE)).andExpect(status().isOk()));
		assertThat(keyed.has("components")).isTrue();
		mvc.perform(get("/actuator/health/readiness").header(ApiKeyFilter.HEADER, BOB))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.nd4j.status").value("UP"))
			.andExpect(jsonPath("$.components.nd4j.details.blasVendor").value(containsString("OPENBLAS")));
	}

	@Test
	void theActuatorExposesHealthInfoAndPrometheusOnly() throws Exception {
		mvc.perform(get("/actuator/info")).andExpect(status().isOk());
		// Prometheus scrapes without a key, even when keys are required for changes
		mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andExpect(content().string(containsString("factlab_memory_capacity_bytes ")));
		for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings")) {
			mvc.perform(get("/actuator/" + hidden).header(ApiKeyFilter.HEADER, ALICE))
				.andExpect(status().isNotFound())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void corsAllowsTheListedOriginOnlyAndItsPreflightNeedsNoKey() throws Exception {
		mvc.perform(options("/api/v1/jobs/count").header(HttpHeaders.ORIGIN, "https://lab.example.org")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-api-key, content-type"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://lab.example.org"));
		mvc.perform(get("/api/v1/models").header(HttpHeaders.ORIGIN, "https://lab.example.org"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://lab.example.org"));
		mvc.perform(options("/api/v1/jobs/count").header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
	}

	@Test
	void aPathTheFirewallRefusesIs400NotA500() throws Exception {
		mvc.perform(get("/api/v1/models/a;b=c/neurons/0"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private JsonNode read(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

}
