package dev.factlab.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.factlab.FactLabTest;
import dev.factlab.mlp.ModelCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Feature spaces over HTTP: names, directions, interference, the budget. */
@FactLabTest
class FeatureSpaceApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	ModelCatalog catalog;

	FactHttp http;

	@BeforeEach
	void setUp() {
		http = new FactHttp(mvc, json);
	}

	@Test
	void anOrthonormalSpaceIsTheFirstAxesWithNoInterference() throws Exception {
		http.lessonSpace("axes-lesson");
		assertThat(http.names("axes-lesson")).isEqualTo(FactHttp.LESSON_NAMES);
		float[][] v = http.directions("axes-lesson", 8, 12);
		for (int r = 0; r < 8; r++) {
			for (int c = 0; c < 12; c++) {
				assertThat(v[r][c]).isEqualTo(r == c ? 1f : 0f);
			}
		}
		JsonNode space = http.getJson("/api/v1/feature-spaces/axes-lesson");
		JsonNode interference = space.get("interference");
		assertThat(interference.get("worstAbsCos").asDouble()).isCloseTo(0, within(1e-7));
		assertThat(interference.get("angles").get("pairs").asLong()).isEqualTo(28);
		assertThat(interference.get("angles").get("within1Degree").asDouble()).isEqualTo(1.0);
		assertThat(interference.get("bounds").get("welch").get("cosine").asDouble()).as("N <= D").isEqualTo(0.0);
	}

	/**
	 * The worst overlap of a random space against a plain loop over the downloaded
	 * directions.
	 */
	@Test
	void aRandomSpaceReportsItsWorstOverlapAndTheWelchBound() throws Exception {
		JsonNode created = http.created("/api/v1/feature-spaces", """
				{"kind": "random", "dimensions": 16, "seed": 3,
				 "patterns": [{"pattern": "n:{i}", "count": 120}]}""");
		String id = created.get("id").asString();
		assertThat(id).isEqualTo("random-16");
		assertThat(created.get("firstNames").get(2).asString()).isEqualTo("n:2");
		float[][] v = http.directions(id, 120, 16);
		double worst = 0;
		for (int i = 0; i < v.length; i++) {
			for (int j = i + 1; j < v.length; j++) {
				double dot = 0;
				for (int c = 0; c < 16; c++) {
					dot += (double) v[i][c] * v[j][c];
				}
				worst = Math.max(worst, Math.abs(dot));
			}
		}
		JsonNode interference = http.getJson("/api/v1/feature-spaces/" + id).get("interference");
		assertThat(interference.get("worstAbsCos").asDouble()).isCloseTo(worst, within(1e-5));
		assertThat(interference.get("measuredDirections").asInt()).isEqualTo(120);
		assertThat(interference.get("typicalAbsCos").asDouble()).isBetween(0.1, worst);
		double welch = Math.sqrt((120.0 - 16) / (16 * 119.0));
		assertThat(interference.get("bounds").get("welch").get("cosine").asDouble()).isCloseTo(welch, within(1e-12));
		assertThat(worst).as("no arrangement beats Welch").isGreaterThanOrEqualTo(welch);
		JsonNode again = http.created("/api/v1/feature-spaces", """
				{"id": "random-16-again", "kind": "random", "dimensions": 16, "seed": 3,
				 "patterns": [{"pattern": "n:{i}", "count": 120}]}""");
		assertThat(http.directions(again.get("id").asString(), 120, 16)).as("same seed, same space").isEqualTo(v);
	}

	@Test
	void aSpaceIsChargedToTheModelBudgetUntilDeleted() throws Exception {
		long before = catalog.memory().usedBytes();
		http.created("/api/v1/feature-spaces",
				"""
						{"id": "charged", "kind": "random", "dimensions": 256, "patterns": [{"pattern": "x:{i}", "count": 1000}]}""");
		assertThat(catalog.memory().usedBytes() - before)
			.isEqualTo(1000L * 256 * 4 + 1000L * FeatureSpace.BYTES_PER_NAME);
		mvc.perform(delete("/api/v1/feature-spaces/charged")).andExpect(status().isNoContent());
		assertThat(catalog.memory().usedBytes()).isEqualTo(before);
		mvc.perform(get("/api/v1/feature-spaces/charged")).andExpect(status().isNotFound());
		http.post("/api/v1/feature-spaces", """
				{"kind": "random", "dimensions": 1024, "patterns": [{"pattern": "x:{i}", "count": 100000}]}""")
			.andExpect(status().isPayloadTooLarge());
		assertThat(catalog.memory().usedBytes()).isEqualTo(before);
		http.post("/api/v1/feature-spaces", "{\"kind\": \"random\", \"dimensions\": 4, \"names\": [\"a\", \"a\"]}")
			.andExpect(status().isBadRequest());
		http.post("/api/v1/feature-spaces",
				"{\"kind\": \"random\", \"dimensions\": 4, \"patterns\": [{\"pattern\": \"x\", \"count\": 2}]}")
			.andExpect(status().isBadRequest());
		http.post("/api/v1/feature-spaces", "{\"kind\": \"from-job\", \"names\": [\"a\"]}")
			.andExpect(status().isBadRequest());
	}

}
