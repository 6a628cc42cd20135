package dev.factlab.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.factlab.FactLabTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What {@code HostileInputTests} found, each pinned to its precise 4xx: a value of the
 * wrong type (was coerced: {@code "text": true} ran as "true"), a null inside a list or
 * map (records copying it with List.copyOf threw NullPointerException), a JSON null as a
 * whole job request (the job queue got a null spec), and a model id that is not a slug
 * (the Location header could not be built from it, or grew past Tomcat's response header
 * buffer).
 */
@FactLabTest
class HostileBodyTests {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"null name of a space|/api/v1/feature-spaces|{\"kind\": \"random\", \"dimensions\": 8, \"names\": [\"a\", null]}|$.names[1]",
			"null dimension of a capacity sweep|/api/v1/jobs/fact-capacity|{\"dimensions\": [8, null], \"factCounts\": [4]}|$.dimensions[1]",
			"null fact count of a capacity sweep|/api/v1/jobs/fact-capacity|{\"dimensions\": [8], \"factCounts\": [null]}|$.factCounts[0]",
			"null name in a queried subject|/api/v1/models/michael-jordan/query|{\"subjects\": [[\"first:Michael\", null]]}|$.subjects[0][1]",
			"null coefficient of a named token|/api/v1/models/michael-jordan/forward|{\"tokens\": [{\"first:Michael\": null}]}|first:Michael",
			"a boolean for a string|/api/v1/models/michael-jordan/query|{\"subject\": [true]}|not valid JSON for this operation",
			"a number for a string|/api/v1/models/michael-jordan/query|{\"subject\": [-1]}|not valid JSON for this operation",
			"a string for an integer|/api/v1/models/michael-jordan/activations|{\"tokens\": [{\"first:Michael\": 1}], \"topK\": \"1\"}|not valid JSON for this operation",
			"a fraction for an integer|/api/v1/models/michael-jordan/activations|{\"tokens\": [{\"first:Michael\": 1}], \"topK\": 0.5}|not valid JSON for this operation",
			"'NaN' for a number|/api/v1/parameters|{\"dModel\": \"NaN\"}|not valid JSON for this operation" })
	void aNullElementOrAValueOfTheWrongTypeIsA400(String what, String path, String body, String where)
			throws Exception {
		mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(where)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "angle-distribution", "fact-capacity" })
	void aJsonNullJobRequestIsA400(String kind) throws Exception {
		mvc.perform(post("/api/v1/jobs/" + kind).contentType(MediaType.APPLICATION_JSON).content("null"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Missing request"))
			.andExpect(jsonPath("$.detail", containsString("JSON null")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "a quote|\\\"x\\\"", "a space|my model", "upper case|Model", "a slash|a/b" })
	void aFactModelIdThatIsNotASlugIsA400(String what, String id) throws Exception {
		String body = "{\"id\": \"" + id + "\", \"space\": \"lesson\", \"facts\": [{\"subject\": [\"first:Michael\", "
				+ "\"last:Jordan\"], \"attributes\": [\"sport:basketball\"]}]}";
		mvc.perform(post("/api/v1/fact-models").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().doesNotExist("Location"))
			.andExpect(jsonPath("$.title").value("Invalid id"))
			.andExpect(jsonPath("$.detail", containsString("id must be a slug")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/api/v1/fact-models", "/api/v1/models" })
	void anIdTooLongForALocationHeaderIsA400(String path) throws Exception {
		String id = "a".repeat(100_000);
		String body = path.endsWith("fact-models")
				? "{\"id\": \"" + id + "\", \"space\": \"lesson\", \"facts\": [{\"subject\": [\"first:Michael\"], "
						+ "\"attributes\": [\"sport:basketball\"]}]}"
				: "{\"id\": \"" + id + "\", \"wUp\": [[1]], \"wDown\": [[1]]}";
		mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("at most 64 characters")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "multipart/form-data; boundary=x", "application/x-www-form-urlencoded" })
	void aJobRequestInAFormIsA415NotTheDefaults(String type) throws Exception {
		mvc.perform(post("/api/v1/jobs/angle-distribution").contentType(type).content("{\"dimensions\": 3}"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
