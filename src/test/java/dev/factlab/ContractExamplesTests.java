package dev.factlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every example of the served contract (the same document as api/openapi.yaml, see
 * {@link OpenApiContractTests}) validates against its schema, and every example request
 * body, sent to the running app, answers 2xx. Both walk the whole document, so new
 * operations and schemas are covered without touching this test.
 */
@ServedAppTest
class ContractExamplesTests {

	/** Keys whose value holds example data, not more of the document. */
	private static final Set<String> EXAMPLE_KEYS = Set.of("example", "examples");

	/** Keys that make an object a schema (as opposed to a media type or a parameter). */
	private static final Set<String> SCHEMA_KEYS = Set.of("type", "$ref", "oneOf", "anyOf", "allOf", "properties",
			"items");

	/**
	 * Example requests validated but not sent, each with its reason. Random init of
	 * GPT-3's block allocates 4.8 GB and takes minutes on a 2-core machine; MlpApiTests
	 * and BadInputTests cover random init at small sizes and the memory budget.
	 */
	private static final Map<String, String> NOT_SENT = Map.of("POST /api/v1/models (gpt3)",
			"allocates 4.8 GB off-heap and takes minutes to initialise");

	private final ObjectMapper json = new ObjectMapper();

	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	int port;

	private JsonNode contract;

	@BeforeEach
	void readTheServedContract() throws Exception {
		contract = json.readTree(get("/v3/api-docs").body());
	}

	@Test
	void everyExampleValidatesAgainstItsSchema() {
		List<Example> examples = new ArrayList<>();
		collect(contract, "", false, examples);
		List<String> invalid = new ArrayList<>();
		for (Example example : examples) {
			List<Error> errors = validate(example.schema(), example.value());
			if (!errors.isEmpty()) {
				invalid.add(example.pointer() + ": " + errors);
			}
		}
		assertThat(examples).extracting(Example::pointer)
			.contains(
					"/paths/~1api~1v1~1models~1{id}~1forward/post/requestBody/content/application~1json/examples/lesson",
					"/components/schemas/NamedToken", "/components/schemas/Problem/properties/status");
		assertThat(examples).hasSizeGreaterThan(100);
		assertThat(invalid).as("examples that don't validate against their schema").isEmpty();
	}

	@Test
	void theValidatorResolvesReferencesAndRejectsAWrongExample() {
		JsonNode forward = contract.at("/components/schemas/ForwardRequest");
		assertThat(validate(forward, json.readTree("{\"tokens\": [[1, 0], {\"first:Michael\": 1}]}"))).isEmpty();
		assertThat(validate(forward, json.readTree("{\"tokens\": [\"Michael\"]}"))).isNotEmpty();
		assertThat(validate(forward, json.readTree("{\"tokens\": [{\"first:Michael\": \"one\"}]}"))).isNotEmpty();
		assertThat(validate(forward, json.readTree("{\"include\": [\"residual\"]}"))).as("tokens is required")
			.isNotEmpty();
	}

	@Test
	void everyExampleRequestAnswers2xx() throws Exception {
		List<String> sent = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : contract.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				JsonNode body = operation.getValue().at("/requestBody/content/application~1json");
				for (Map.Entry<String, JsonNode> example : body.path("examples").properties()) {
					String uri = uri(path.getKey(), operation.getValue());
					String call = operation.getKey().toUpperCase() + " " + uri + " (" + example.getKey() + ")";
					sent.add(call);
					if (NOT_SENT.containsKey(call)) {
						continue;
					}
					HttpResponse<String> response = send(operation.getKey(), uri, example.getValue().path("value"));
					if (response.statusCode() / 100 != 2) {
						failed.add(call + " answered " + response.statusCode() + ": " + response.body());
					}
					cleanUp(response);
				}
			}
		}
		assertThat(sent).as("every example left unsent exists").containsAll(NOT_SENT.keySet());
		assertThat(sent).contains("POST /api/v1/models/michael-jordan/forward (lesson)",
				"POST /api/v1/jobs/angle-distribution (small)", "POST /api/v1/models (explicit)");
		assertThat(failed).as("example requests that did not answer 2xx").isEmpty();
	}

	/**
	 * Adds the examples under {@code node}: a media type's or parameter's
	 * {@code example}/{@code examples} against its {@code schema}, and a schema's own
	 * {@code example}.
	 */
	private void collect(JsonNode node, String pointer, boolean propertyNames, List<Example> out) {
		if (!node.isObject() && !node.isArray()) {
			return;
		}
		if (node.isObject() && !propertyNames) {
			if (node.has("schema")) {
				if (node.has("example")) {
					out.add(new Example(pointer, node.get("schema"), node.get("example")));
				}
				for (Map.Entry<String, JsonNode> named : node.path("examples").properties()) {
					out.add(new Example(pointer + "/examples/" + named.getKey(), node.get("schema"),
							named.getValue().path("value")));
				}
			}
			else if (node.has("example") && SCHEMA_KEYS.stream().anyMatch(node::has)) {
				out.add(new Example(pointer, node, node.get("example")));
			}
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), pointer + "/" + i, false, out);
			}
			return;
		}
		for (Map.Entry<String, JsonNode> child : node.properties()) {
			if (!propertyNames && EXAMPLE_KEYS.contains(child.getKey())) {
				continue;
			}
			boolean names = !propertyNames && child.getKey().equals("properties");
			collect(child.getValue(), pointer + "/" + child.getKey().replace("~", "~0").replace("/", "~1"), names, out);
		}
	}

	/**
	 * Validates against {@code schema} as JSON Schema 2020-12 (OpenAPI 3.1's dialect),
	 * inside a root that carries the contract's components so that its
	 * {@code #/components/schemas/...} references resolve.
	 */
	private List<Error> validate(JsonNode schema, JsonNode value) {
		ObjectNode root = json.createObjectNode();
		root.set("components", contract.path("components"));
		root.putArray("allOf").add(schema);
		return schemas.getSchema(root).validate(value);
	}

	/**
	 * The path with each path parameter replaced by its example, and every query example.
	 */
	private String uri(String template, JsonNode operation) {
		String path = template;
		List<String> query = new ArrayList<>();
		for (JsonNode parameter : operation.path("parameters")) {
			JsonNode example = parameter.path("example");
			String in = parameter.path("in").asString();
			if (in.equals("path")) {
				assertThat(example.isMissingNode())
					.as("example of path parameter %s of %s", parameter.path("name"), template)
					.isFalse();
				path = path.replace("{" + parameter.path("name").asString() + "}", example.asString());
			}
			else if (in.equals("query") && !example.isMissingNode()) {
				query.add(parameter.path("name").asString() + "="
						+ URLEncoder.encode(example.asString(), StandardCharsets.UTF_8));
			}
		}
		return query.isEmpty() ? path : path + "?" + String.join("&", query);
	}

	private HttpResponse<String> send(String method, String uri, JsonNode body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
			.timeout(Duration.ofMinutes(2))
			.header("Content-Type", "application/json")
			.method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String uri) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * What an example created (a model, a queued job; its Location names it) is deleted
	 * or cancelled, so that the next example starts from the same state.
	 */
	private void cleanUp(HttpResponse<String> response) throws Exception {
		var location = response.headers().firstValue("Location");
		if (location.isPresent() && (response.statusCode() == 201 || response.statusCode() == 202)) {
			HttpResponse<String> deleted = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port).resolve(location.get()))
					.DELETE()
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(deleted.statusCode() / 100).as("DELETE %s: %s", location.get(), deleted.body()).isEqualTo(2);
		}
	}

	/** An example value, the schema it must validate against, and where it is. */
	record Example(String pointer, JsonNode schema, JsonNode value) {
	}

}
