package dev.factlab.facts;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** HTTP shortcuts of the facts tests. */
record FactHttp(MockMvc mvc, ObjectMapper json) {

	static final List<String> LESSON_NAMES = List.of("first:Michael", "first:Alexis", "last:Jordan", "last:Phelps",
			"sport:basketball", "sport:swimming", "team:Chicago Bulls", "number:23");

	static final String LESSON_FACTS = """
			[{"subject": ["first:Michael", "last:Jordan"],
			  "attributes": ["sport:basketball", "team:Chicago Bulls", "number:23"]},
			 {"subject": ["first:Michael", "last:Phelps"], "attributes": ["sport:swimming"]}]""";

	ResultActions post(String path, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	JsonNode read(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	JsonNode created(String path, String body) throws Exception {
		return read(post(path, body).andExpect(status().isCreated()));
	}

	JsonNode getJson(String path) throws Exception {
		return read(mvc.perform(get(path)).andExpect(status().isOk()));
	}

	void lessonSpace(String id) throws Exception {
		created("/api/v1/feature-spaces",
				"{\"id\": \"%s\", \"kind\": \"orthonormal\", \"dimensions\": 12, \"names\": %s}".formatted(id,
						json.writeValueAsString(LESSON_NAMES)));
	}

	JsonNode query(String model, String... subjects) throws Exception {
		return read(post("/api/v1/models/" + model + "/query",
				"{\"subjects\": [%s]}".formatted(String.join(", ", subjects)))
			.andExpect(status().isOk())).get("answers");
	}

	/** The downloaded directions, [names][D]. */
	float[][] directions(String space, int n, int d) throws Exception {
		MvcResult streaming = mvc.perform(get("/api/v1/feature-spaces/" + space + "/directions.f32"))
			.andExpect(request().asyncStarted())
			.andReturn();
		byte[] bytes = mvc.perform(asyncDispatch(streaming))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		float[][] out = new float[n][d];
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < d; c++) {
				out[r][c] = buffer.getFloat();
			}
		}
		if (buffer.hasRemaining()) {
			throw new AssertionError("more bytes than " + n + " × " + d);
		}
		return out;
	}

	List<String> names(String space) throws Exception {
		List<String> names = new ArrayList<>();
		getJson("/api/v1/feature-spaces/" + space + "/names").forEach(n -> names.add(n.asString()));
		return names;
	}

	static List<String> texts(JsonNode array, String field) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(field == null ? n.asString() : n.get(field).asString()));
		return out;
	}

}
