package dev.factlab.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.factlab.FactLabTest;
import dev.factlab.mlp.MichaelJordan;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.mlp.ModelCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Fact models over HTTP: compiling, recalling and editing facts. */
@FactLabTest
class FactModelApiTests {

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
	void theLessonCompiledEqualsTheBuiltInModelWeightByWeight() throws Exception {
		http.lessonSpace("lesson-equal");
		JsonNode model = http.created("/api/v1/fact-models",
				"{\"id\": \"lesson-equal-facts\", \"space\": \"lesson-equal\", \"facts\": %s}"
					.formatted(FactHttp.LESSON_FACTS));
		assertThat(model.get("facts").asInt()).isEqualTo(2);
		MlpWeights compiled = catalog.get("lesson-equal-facts").weights();
		MlpWeights lesson = catalog.get(MichaelJordan.ID).weights();
		assertThat(compiled.wUp().toArray()).containsExactly(lesson.wUp().toArray());
		assertThat(compiled.bUp()).containsExactly(lesson.bUp());
		assertThat(compiled.wDown().toArray()).containsExactly(lesson.wDown().toArray());
		assertThat(compiled.bDown()).containsExactly(lesson.bDown());
		assertThat(compiled.activation()).isEqualTo(lesson.activation());
		JsonNode builtIn = http.query(MichaelJordan.ID, "[\"first:Michael\", \"last:Jordan\"]");
		assertThat(FactHttp.texts(builtIn.get(0).get("recovered"), "name")).as("the built-in model is a fact model")
			.containsExactlyInAnyOrder("sport:basketball", "team:Chicago Bulls", "number:23");
		problem(mvc.perform(put("/api/v1/models/michael-jordan/facts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": [\"first:Michael\", \"last:Jordan\"], \"attributes\": [\"number:23\"]}")), 409,
				"Built-in model", "michael-jordan");
		JsonNode neuron = http.getJson("/api/v1/models/lesson-equal-facts/neurons/0");
		assertThat(neuron.toString()).contains("first:Michael + last:Jordan → sport:basketball");
		http.post("/api/v1/models/lesson-equal-facts/forward",
				"{\"tokens\": [{\"first:Michael\": 1, \"last:Jordan\": 1}]}")
			.andExpect(status().isOk());
	}

	@Test
	void anOrthonormalSpaceRecallsExactlyAndPartialSubjectsFireNothing() throws Exception {
		http.lessonSpace("lesson-recall");
		http.created("/api/v1/fact-models",
				"{\"id\": \"lesson-recall-facts\", \"space\": \"lesson-recall\", \"facts\": %s}"
					.formatted(FactHttp.LESSON_FACTS));
		JsonNode answers = http.query("lesson-recall-facts", "[\"first:Michael\", \"last:Jordan\"]",
				"[\"first:Michael\", \"last:Phelps\"]", "[\"first:Alexis\", \"last:Jordan\"]", "[\"first:Michael\"]");
		JsonNode jordan = answers.get(0);
		assertThat(jordan.get("exact").asBoolean()).isTrue();
		assertThat(FactHttp.texts(jordan.get("recovered"), "name")).containsExactlyInAnyOrder("sport:basketball",
				"team:Chicago Bulls", "number:23");
		assertThat(jordan.get("noise").asDouble()).isEqualTo(0.0);
		assertThat(jordan.get("fired").get(0).get("neuron").asInt()).isEqualTo(0);
		assertThat(jordan.get("fired").get(0).get("activation").asDouble()).isEqualTo(1.0);
		JsonNode phelps = answers.get(1);
		assertThat(phelps.get("exact").asBoolean()).isTrue();
		assertThat(FactHttp.texts(phelps.get("recovered"), "name")).containsExactly("sport:swimming");
		assertThat(FactHttp.texts(phelps.get("fired"), "fact"))
			.containsExactly("first:Michael + last:Phelps → sport:swimming");
		for (JsonNode partial : List.of(answers.get(2), answers.get(3))) {
			assertThat(partial.get("stored")).isEmpty();
			assertThat(partial.get("fired")).as("%s fires nothing", partial.get("subject")).isEmpty();
			assertThat(partial.get("recovered")).isEmpty();
			assertThat(partial.get("exact").asBoolean()).isTrue();
			assertThat(partial.get("noise").asDouble()).isEqualTo(0.0);
		}
	}

	@Test
	void manyThreeNameFactsOnOrthonormalAxesAllRecallWithZeroNoise() throws Exception {
		http.created("/api/v1/feature-spaces", """
				{"id": "axes-100", "kind": "orthonormal", "dimensions": 100,
				 "patterns": [{"pattern": "a:{i}", "count": 5}, {"pattern": "b:{i}", "count": 20},
				              {"pattern": "c:{i}", "count": 20}, {"pattern": "out:{i}", "count": 20}]}""");
		List<String> facts = new ArrayList<>();
		List<String> subjects = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String subject = "[\"a:%d\", \"b:%d\", \"c:%d\"]".formatted(i % 5, i, (i * 7) % 20);
			facts.add("{\"subject\": %s, \"attributes\": [\"out:%d\"]}".formatted(subject, i));
			subjects.add(subject);
			subjects.add("[\"a:%d\", \"b:%d\"]".formatted(i % 5, i));
		}
		http.created("/api/v1/fact-models", "{\"id\": \"axes-facts\", \"space\": \"axes-100\", \"facts\": [%s]}"
			.formatted(String.join(", ", facts)));
		JsonNode answers = http.query("axes-facts", subjects.toArray(String[]::new));
		for (int i = 0; i < 20; i++) {
			JsonNode full = answers.get(2 * i);
			assertThat(full.get("exact").asBoolean()).isTrue();
			assertThat(full.get("ranked").get(0).get("name").asString()).isEqualTo("out:" + i);
			assertThat(full.get("noise").asDouble()).isEqualTo(0.0);
			assertThat(answers.get(2 * i + 1).get("fired")).as("two of three names fire nothing").isEmpty();
		}
		JsonNode listed = http.getJson("/api/v1/models/axes-facts/facts");
		assertThat(listed.get("facts").get(0).get("bias").asDouble()).as("-(k - 1) for k = 3").isEqualTo(-2.0);
	}

	/**
	 * The answer of a random space, recomputed by plain loops over the downloaded
	 * directions.
	 */
	@Test
	void aRandomSpaceAnswersAsAPlainLoopOverTheDownloadedDirectionsDoes() throws Exception {
		int d = 24;
		http.created("/api/v1/feature-spaces", """
				{"id": "random-24", "kind": "random", "dimensions": 24, "seed": 11,
				 "patterns": [{"pattern": "first:{i}", "count": 30}, {"pattern": "last:{i}", "count": 30},
				              {"pattern": "sport:{i}", "count": 30}]}""");
		List<String> facts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			facts.add("{\"subject\": [\"first:%d\", \"last:%d\"], \"attributes\": [\"sport:%d\"]}".formatted(i, i, i));
		}
		http.created("/api/v1/fact-models", "{\"id\": \"random-24-facts\", \"space\": \"random-24\", \"facts\": [%s]}"
			.formatted(String.join(", ", facts)));
		List<String> names = http.names("random-24");
		float[][] v = http.directions("random-24", names.size(), d);
		for (float[] row : v) {
			double norm = 0;
			for (float x : row) {
				norm += x * x;
			}
			assertThat(norm).as("unit directions").isCloseTo(1.0, within(1e-5));
		}
		Map<String, Integer> row = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			row.put(names.get(i), i);
		}
		JsonNode answers = http.query("random-24-facts", "[\"first:3\", \"last:3\"]", "[\"first:3\", \"last:4\"]");
		for (JsonNode answer : answers) {
			double[] e = new double[d];
			for (JsonNode name : answer.get("subject")) {
				add(e, v[row.get(name.asString())], 1);
			}
			double[] out = new double[d];
			List<Integer> fired = new ArrayList<>();
			for (int f = 0; f < 30; f++) {
				double pre = -1 + dot(e, v[row.get("first:" + f)]) + dot(e, v[row.get("last:" + f)]);
				double a = Math.max(0, pre);
				if (a > 0.5) {
					fired.add(f);
				}
				add(out, v[row.get("sport:" + f)], a);
			}
			String stored = answer.get("stored").isEmpty() ? null : answer.get("stored").get(0).asString();
			double noise = Double.NEGATIVE_INFINITY;
			double best = Double.NEGATIVE_INFINITY;
			String bestName = null;
			for (int n = 0; n < names.size(); n++) {
				double score = dotF(out, v[n]);
				if (score > best) {
					best = score;
					bestName = names.get(n);
				}
				if (!names.get(n).equals(stored)) {
					noise = Math.max(noise, score);
				}
			}
			assertThat(answer.get("noise").asDouble()).isCloseTo(noise, within(1e-4));
			if (best > 1e-3) {
				assertThat(answer.get("ranked").get(0).get("name").asString()).isEqualTo(bestName);
			}
			assertThat(answer.get("ranked").get(0).get("score").asDouble()).isCloseTo(best, within(1e-4));
			List<Integer> servedFired = new ArrayList<>();
			answer.get("fired").forEach(n -> servedFired.add(n.get("neuron").asInt()));
			assertThat(servedFired).isEqualTo(fired);
		}
		assertThat(answers.get(0).get("stored").get(0).asString()).isEqualTo("sport:3");
	}

	@Test
	void editsChangeOnlyTheirFactAndSayHowMuchTheOthersMoved() throws Exception {
		http.lessonSpace("lesson-edit");
		http.created("/api/v1/fact-models", "{\"id\": \"lesson-edit-facts\", \"space\": \"lesson-edit\", \"facts\": %s}"
			.formatted(FactHttp.LESSON_FACTS));
		String jordan = "[\"first:Michael\", \"last:Jordan\"]";
		String phelps = "[\"first:Michael\", \"last:Phelps\"]";
		JsonNode before = http.query("lesson-edit-facts", jordan, phelps);
		JsonNode changed = http.read(mvc
			.perform(put("/api/v1/models/lesson-edit-facts/facts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": [\"last:Jordan\", \"first:Michael\"], \"attributes\": [\"sport:swimming\"]}"))
			.andExpect(status().isOk()));
		assertThat(changed.get("action").asString()).isEqualTo("changed");
		assertThat(changed.get("neuron").asInt()).isEqualTo(0);
		assertThat(changed.get("otherFacts").get("checked").asInt()).isEqualTo(1);
		assertThat(changed.get("otherFacts").get("maxScoreChange").asDouble()).isEqualTo(0.0);
		JsonNode after = http.query("lesson-edit-facts", jordan, phelps);
		assertThat(FactHttp.texts(after.get(0).get("recovered"), "name")).containsExactly("sport:swimming");
		assertThat(after.get(1)).as("Michael Phelps is untouched").isEqualTo(before.get(1));

		JsonNode added = http.created("/api/v1/models/lesson-edit-facts/facts",
				"{\"subject\": [\"first:Alexis\", \"last:Jordan\"], \"attributes\": [\"number:23\"]}");
		assertThat(added.get("neuron").asInt()).isEqualTo(2);
		JsonNode third = http.query("lesson-edit-facts", jordan, phelps, "[\"first:Alexis\", \"last:Jordan\"]");
		assertThat(third.get(0)).isEqualTo(after.get(0));
		assertThat(third.get(1)).isEqualTo(after.get(1));
		assertThat(FactHttp.texts(third.get(2).get("recovered"), "name")).containsExactly("number:23");

		JsonNode removed = http.read(mvc
			.perform(delete("/api/v1/models/lesson-edit-facts/facts").param("subject", "first:Michael", "last:Jordan"))
			.andExpect(status().isOk()));
		assertThat(removed.get("facts").asInt()).isEqualTo(2);
		JsonNode last = http.query("lesson-edit-facts", jordan, phelps);
		assertThat(last.get(0).get("fired")).isEmpty();
		assertThat(last.get(0).get("recovered")).isEmpty();
		assertThat(last.get(1).get("recovered")).isEqualTo(after.get(1).get("recovered"));
	}

	/**
	 * Under GELU every neuron leaks a little, so an edit moves other facts: by as much as
	 * it says.
	 */
	@Test
	void theReportedMovementMatchesTheForwardPassesBeforeAndAfter() throws Exception {
		http.lessonSpace("lesson-gelu");
		String facts = FactHttp.LESSON_FACTS.substring(0, FactHttp.LESSON_FACTS.lastIndexOf(']'))
				+ ", {\"subject\": [\"first:Alexis\", \"last:Phelps\"], \"attributes\": [\"number:23\"]}]";
		http.created("/api/v1/fact-models",
				"{\"id\": \"gelu-facts\", \"space\": \"lesson-gelu\", \"activation\": \"gelu\", "
						+ "\"facts\": %s}".formatted(facts));
		String phelps = "{\"tokens\": [{\"first:Alexis\": 1, \"last:Phelps\": 1}]}";
		Map<String, Double> before = features(http.read(http.post("/api/v1/models/gelu-facts/forward", phelps)));
		JsonNode changed = http.read(mvc.perform(put("/api/v1/models/gelu-facts/facts")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"subject\": [\"first:Michael\", \"last:Jordan\"], \"attributes\": [\"sport:swimming\", \"number:23\"]}"))
			.andExpect(status().isOk()));
		Map<String, Double> after = features(http.read(http.post("/api/v1/models/gelu-facts/forward", phelps)));
		double moved = 0;
		for (String name : before.keySet()) {
			moved = Math.max(moved, Math.abs(after.get(name) - before.get(name)));
		}
		assertThat(moved).as("GELU(-1) leaks: Alexis Phelps moved").isGreaterThan(0);
		JsonNode others = changed.get("otherFacts");
		assertThat(others.get("moved").asInt()).isEqualTo(1);
		assertThat(others.get("maxScoreChange").asDouble()).isCloseTo(moved, within(1e-5));
		assertThat(others.get("largest").get(0).get("fact").asString()).startsWith("first:Alexis + last:Phelps");
	}

	@Test
	void badInputGetsProblemDetails() throws Exception {
		http.lessonSpace("lesson-bad");
		String create = "{\"space\": \"lesson-bad\", \"facts\": %s}";
		problem(http.post("/api/v1/fact-models",
				create.formatted("[{\"subject\": [\"first:Micheal\"], \"attributes\": [\"number:23\"]}]")), 400,
				"Unknown name", "first:Michael");
		problem(http.post("/api/v1/fact-models",
				create.formatted("[{\"subject\": [], \"attributes\": [\"number:23\"]}]")), 400, "Empty subject",
				"empty subject");
		problem(http.post("/api/v1/fact-models", create
			.formatted("[{\"subject\": [\"first:Michael\", \"last:Jordan\"], \"attributes\": [\"number:23\"]},"
					+ " {\"subject\": [\"last:Jordan\", \"first:Michael\"], \"attributes\": [\"sport:swimming\"]}]")),
				400, "Duplicate fact", "facts[1]");
		List<String> many = new ArrayList<>();
		for (int i = 0; i <= FactLabTest.MAX_FACTS; i++) {
			many.add("{\"subject\": [\"first:Michael\"], \"attributes\": [\"number:23\"]}");
		}
		problem(http.post("/api/v1/fact-models", create.formatted("[" + String.join(",", many) + "]")), 413,
				"Request too large", "facts of a fact model");
		problem(http.post("/api/v1/fact-models",
				"{\"space\": \"nope\", \"facts\": %s}".formatted(FactHttp.LESSON_FACTS)), 404, "Unknown feature space",
				"nope");
		problem(http.post("/api/v1/feature-spaces",
				"{\"kind\": \"orthonormal\", \"dimensions\": 2, \"names\": [\"a\", \"b\", \"c\"]}"), 400,
				"Too many names", "at most D=2");
		problem(http.post("/api/v1/feature-spaces", "{\"kind\": \"spherical\", \"dimensions\": 2, \"names\": [\"a\"]}"),
				400, "Unknown space kind", "orthonormal");
		http.created("/api/v1/fact-models", "{\"id\": \"lesson-bad-facts\", \"space\": \"lesson-bad\", \"facts\": %s}"
			.formatted(FactHttp.LESSON_FACTS));
		problem(http.post("/api/v1/models/lesson-bad-facts/facts",
				"{\"subject\": [\"first:Michael\", \"last:Jordan\"], \"attributes\": [\"number:23\"]}"), 409,
				"Duplicate fact", "PUT");
		problem(http.post("/api/v1/models/lesson-bad-facts/query", "{\"subjects\": [[]]}"), 400, "Empty subject",
				"subjects[0]");
		problem(mvc.perform(delete("/api/v1/models/lesson-bad-facts/facts").param("subject", "first:Alexis")), 404,
				"Unknown fact", "first:Alexis");
		problem(mvc.perform(delete("/api/v1/feature-spaces/lesson-bad")), 409, "Feature space in use", "lesson-bad");
	}

	void problem(org.springframework.test.web.servlet.ResultActions result, int status, String title, String detail)
			throws Exception {
		result.andExpect(status().is(status))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
	}

	static Map<String, Double> features(JsonNode forward) {
		Map<String, Double> out = new HashMap<>();
		forward.get("tokens")
			.get(0)
			.get("features")
			.forEach(f -> out.put(f.get("name").asString(), f.get("value").asDouble()));
		return out;
	}

	static void add(double[] into, float[] v, double scale) {
		for (int i = 0; i < into.length; i++) {
			into[i] += scale * v[i];
		}
	}

	static double dot(double[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

	static double dotF(double[] a, float[] b) {
		return dot(a, b);
	}

}
