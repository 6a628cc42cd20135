package dev.factlab.params.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import dev.factlab.FactLabTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * GET /api/v1/parameters/presets/{name} and its chart: the lesson's numbers, the SVG, the
 * 404.
 */
@FactLabTest
class PresetsControllerTest {

	@Autowired
	MockMvc mvc;

	@Test
	void gpt3_175bCarriesEveryNumberOfTheLesson() throws Exception {
		mvc.perform(get("/api/v1/parameters/presets/gpt3-175b"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.preset.title").value("GPT-3 175B"))
			.andExpect(jsonPath("$.preset.source", containsString("Table 2.1")))
			.andExpect(jsonPath("$.breakdown.lesson.dModel").value(12_288))
			.andExpect(jsonPath("$.breakdown.lesson.neurons").value(49_152))
			.andExpect(jsonPath("$.breakdown.lesson.perMlpMatrix").value(603_979_776L))
			.andExpect(jsonPath("$.breakdown.lesson.perMlp").value(1_207_959_552L))
			.andExpect(jsonPath("$.breakdown.lesson.allMlps").value(115_964_116_992L))
			.andExpect(jsonPath("$.breakdown.lesson.mlpShare", closeTo(0.662, 0.0005)))
			.andExpect(jsonPath("$.breakdown.lesson.embedding").value(617_558_016L))
			.andExpect(jsonPath("$.breakdown.lesson.attention").value(57_982_058_496L))
			.andExpect(jsonPath("$.breakdown.lesson.valueUp").value(14_495_514_624L))
			.andExpect(jsonPath("$.breakdown.lesson.total").value(175_181_291_520L))
			.andExpect(jsonPath("$.breakdown.weightMatrices.count").value(27_938))
			.andExpect(jsonPath("$.breakdown.weightMatrices.rule", containsString("= 27,938")))
			.andExpect(jsonPath("$.breakdown.conventions.full").value(174_604_259_328L))
			.andExpect(jsonPath("$.breakdown.conventions.kaplan.approximation").value(173_946_175_488L))
			.andExpect(jsonPath("$.breakdown.components[*].category", hasItem("Norms")));
	}

	@Test
	void gpt3XlReproducesTableD1AndNamesTheContradiction() throws Exception {
		mvc.perform(get("/api/v1/parameters/presets/gpt3-xl"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.preset.publishedTotal.parameters").value(1_320_000_000L))
			.andExpect(jsonPath("$.preset.publishedTotal.roundedTo").value(10_000_000L))
			.andExpect(jsonPath("$.preset.notes", containsString("24 × 128 = 3,072 ≠ 2,048")))
			.andExpect(jsonPath("$.breakdown.conventions.full").value(1_315_723_264L))
			.andExpect(jsonPath("$.breakdown.warnings").isEmpty());
	}

	@Test
	void chartIsWellFormedSvgWithTheLessonsCategories() throws Exception {
		String svg = mvc.perform(get("/api/v1/parameters/presets/gpt3-175b/chart.svg"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(svg).contains("GPT-3 175B: 175,181,291,520 parameters", "MLP 115,964,116,992 (66.2%)",
				"Attention 57,982,058,496 (33.1%)", "Embedding 617,558,016 (0.4%)", "Unembedding 617,558,016 (0.4%)");
		var document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(document.getElementsByTagName("rect").getLength()).isEqualTo(1 + 2 * 4);
	}

	@Test
	void fullChartAddsNormsAndPositions() throws Exception {
		mvc.perform(get("/api/v1/parameters/presets/gpt3-175b/chart.svg?convention=full"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Norms 4,743,168")))
			.andExpect(content().string(containsString("Position embedding 25,165,824")))
			.andExpect(content().string(containsString("GPT-3 175B: 174,604,259,328 parameters")));
	}

	@Test
	void unknownPresetIsNotFoundWithTheKnownNames() throws Exception {
		for (String path : new String[] { "/api/v1/parameters/presets/gpt-4",
				"/api/v1/parameters/presets/gpt-4/chart.svg" }) {
			mvc.perform(get(path))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", containsString("'gpt-4'")))
				.andExpect(jsonPath("$.detail", containsString("gpt3-175b")))
				.andExpect(jsonPath("$.known", hasItem("llama-2-7b")))
				.andExpect(jsonPath("$.instance").value(path));
		}
	}

}
