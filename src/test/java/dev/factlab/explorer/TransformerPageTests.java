package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The real-transformer section in headless Chromium against all-MiniLM-L6-v2: the layer ×
 * token heat map of a trace checked against the API's own answer, a cell's top neurons,
 * an ablation's similarity change, and an empty sentence shown as the API's problem.
 * Screenshots go to target/explorer-screenshots.
 */
@BrowserTest
class TransformerPageTests extends ExplorerPage {

	static final String PROBE = "Michael Jordan plays the sport of";

	@Test
	void aTraceDrawsOneCellPerLayerAndTokenAndACellListsItsTopNeurons() throws Exception {
		driver.findElement(By.id("tf-run")).click();
		WebElement map = await(Duration.ofSeconds(120), d -> d.findElement(By.id("tf-heatmap")));
		JsonNode trace = post("/api/v1/transformers/all-minilm-l6-v2/trace",
				"{\"text\": \"" + PROBE + "\", \"topK\": 5}");
		List<String> pieces = new ArrayList<>();
		trace.get("tokens").forEach(t -> pieces.add(t.get("piece").asString()));
		assertThat(pieces).containsExactly("[CLS]", "michael", "jordan", "plays", "the", "sport", "of", "[SEP]");
		assertThat(map.findElements(By.cssSelector("thead th")).stream().skip(1).map(WebElement::getText))
			.containsExactlyElementsOf(pieces);
		List<WebElement> rows = map.findElements(By.cssSelector("tbody tr"));
		assertThat(rows).hasSize(trace.get("layers").size()).hasSize(6);
		for (int layer = 0; layer < rows.size(); layer++) {
			List<WebElement> cells = rows.get(layer).findElements(By.cssSelector("td button"));
			assertThat(cells).as("layer %d", layer).hasSize(pieces.size());
			for (int token = 0; token < cells.size(); token++) {
				JsonNode top = trace.get("layers").get(layer).get("tokens").get(token).get("top").get(0);
				// each cell names its top neuron and its value
				assertThat(cells.get(token).getText().split("\n")).containsExactly(
						String.valueOf(top.get("neuron").asInt()), num(top.get("activation").asDouble(), 2));
			}
		}
		chromium.screenshot(driver.findElement(By.id("tf-trace")), "5-transformer-heatmap");

		// "jordan" in layer 2: its five most active neurons, in the API's order
		rows.get(2).findElements(By.cssSelector("td button")).get(2).click();
		awaitText("tf-cell-title", t -> t.equals("Layer 2, token “jordan” (position 2)"));
		List<WebElement> listed = driver.findElements(By.cssSelector("#tf-cell-neurons li"));
		JsonNode top = trace.get("layers").get(2).get("tokens").get(2).get("top");
		assertThat(listed).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(listed.get(i).findElement(By.className("value")).getText())
				.isEqualTo(num(top.get(i).get("activation").asDouble(), 3));
			assertThat(listed.get(i).getText()).contains("neuron " + top.get(i).get("neuron").asInt());
		}
		chromium.screenshot(driver.findElement(By.id("tf-cell")), "5-transformer-cell");

		// the other colouring: the MLP output's norm
		driver.findElement(By.cssSelector("input[name=metric][value=norm]")).click();
		awaitText("tf-trace", t -> t.contains("coloured by its MLP output norm"));
		WebElement first = driver.findElement(By.cssSelector("#tf-heatmap tbody tr td button"));
		assertThat(first.getText())
			.isEqualTo(num(trace.get("layers").get(0).get("tokens").get(0).get("mlpOutNorm").asDouble(), 1));
		assertFitsAPhone();
		chromium.screenshot(driver.findElement(By.id("transformers")), "phone-transformers");
	}

	@Test
	void aNeuronsTopExamplesComeFromACorpusJobThePageOffersToStart() throws Exception {
		driver.findElement(By.id("tf-run")).click();
		await(Duration.ofSeconds(120),
				d -> d.findElement(By.cssSelector("#tf-heatmap button[data-layer='3'][data-token='2']")))
			.click();
		WebElement open = awaitElement(By.cssSelector("#tf-cell-neurons button[data-neuron]"));
		String[] chosen = open.getDomAttribute("data-neuron").split(":");
		String examples = "/api/v1/transformers/all-minilm-l6-v2/neurons/%s/%s/examples".formatted(chosen[0],
				chosen[1]);
		JsonNode before = get(examples);
		open.click();
		if (before.has("status")) {
			// no corpus job yet: the API's 404, and the page offers to start the job
			WebElement shown = awaitElement(By.cssSelector("#tf-examples .problem"));
			assertThat(shown.findElement(By.className("problem-title")).getText())
				.isEqualTo(before.get("title").asString() + " (404)");
			assertThat(shown.findElement(By.className("problem-detail")).getText())
				.isEqualTo(before.get("detail").asString());
			driver.findElement(By.id("tf-collect")).click();
			await(Duration.ofSeconds(30), d -> d.findElement(By.id("tf-collect-progress")).isDisplayed());
		}
		List<WebElement> listed = await(Duration.ofSeconds(300), d -> {
			List<WebElement> found = d.findElements(By.cssSelector("#tf-examples-list li"));
			return found.isEmpty() ? null : found;
		});
		if (before.has("status")) {
			assertThat(text("tf-collect-progress")).contains("SUCCEEDED");
		}
		assertThat(text("tf-examples-panel"))
			.startsWith("Layer %s, neuron %s: the tokens that excite it most".formatted(chosen[0], chosen[1]));
		JsonNode expected = get(examples).get("examples");
		assertThat(listed).hasSize(expected.size()).isNotEmpty();
		for (int i = 0; i < listed.size(); i++) {
			JsonNode example = expected.get(i);
			assertThat(listed.get(i).findElement(By.className("value")).getText())
				.isEqualTo(num(example.get("activation").asDouble(), 2));
			assertThat(listed.get(i).findElement(By.tagName("mark")).getText())
				.isEqualTo(example.get("tokenText").asString());
			assertThat(listed.get(i).getDomAttribute("title")).isEqualTo(example.get("text").asString());
		}
		chromium.screenshot(driver.findElement(By.id("tf-examples")), "5-transformer-examples");
	}

	@Test
	void anAblationShowsHowTheSimilaritiesMove() throws Exception {
		// layer 3 neuron 356 (the form's default) and a neuron chosen on the heat map
		driver.findElement(By.id("tf-add")).click();
		driver.findElement(By.id("tf-run")).click();
		WebElement cell = await(Duration.ofSeconds(120),
				d -> d.findElement(By.cssSelector("#tf-heatmap button[data-layer='4'][data-token='5']")));
		cell.click();
		WebElement ablate = awaitElement(By.cssSelector("#tf-cell-neurons button[data-ablate]"));
		String chosen = ablate.getDomAttribute("data-ablate");
		ablate.click();
		assertThat(ablate.getDomAttribute("aria-pressed")).isEqualTo("true");
		int neuron = Integer.parseInt(chosen.split(":")[1]);
		assertThat(text("tf-chosen")).contains("L3 · 356").contains("L4 · " + neuron);

		driver.findElement(By.id("tf-compare")).click();
		WebElement table = await(Duration.ofSeconds(120), d -> d.findElement(By.id("tf-similarity-table")));
		JsonNode similarity = post("/api/v1/transformers/all-minilm-l6-v2/similarity", """
				{"text": "%s", "candidates": ["basketball", "tennis", "swimming", "football", "golf"],
				 "ablate": [{"layer": 3, "neurons": [356]}, {"layer": 4, "neurons": [%d]}]}""".formatted(PROBE,
				neuron));
		List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
		assertThat(rows).hasSize(5);
		for (int i = 0; i < 5; i++) {
			JsonNode c = similarity.get("candidates").get(i);
			double change = c.get("ablatedCosine").asDouble() - c.get("cosine").asDouble();
			assertThat(change).as("the ablation moves %s", c.get("text").asString()).isNotZero();
			List<String> cells = rows.get(i)
				.findElements(By.cssSelector("th, td"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(cells).containsExactly(c.get("text").asString(), num(c.get("cosine").asDouble(), 4),
					num(c.get("ablatedCosine").asDouble(), 4), (change > 0 ? "+" : "") + num(change, 4));
		}
		assertThat(text("tf-margin")).startsWith("basketball's margin over the best other candidate (tennis): ")
			.contains(" → ");
		chromium.screenshot(driver.findElement(By.id("tf-ablate")).findElement(By.xpath("..")),
				"5-transformer-ablation");

		// the same neurons zeroed in a trace: how far the sentence embedding moved
		driver.findElement(By.id("tf-trace-ablated")).click();
		driver.findElement(By.id("tf-run")).click();
		JsonNode moved = post("/api/v1/transformers/all-minilm-l6-v2/trace", """
				{"text": "%s", "topK": 5, "ablate": [{"layer": 3, "neurons": [356]}, {"layer": 4, "neurons": [%d]}]}"""
			.formatted(PROBE, neuron)).get("embeddingChange");
		assertThat(moved.get("cosine").asDouble()).isLessThan(1.0);
		awaitText("tf-embedding-change",
				t -> t.equals("With the chosen neurons zeroed, the sentence embedding moved: cosine "
						+ num(moved.get("cosine").asDouble(), 4) + " with the clean one, distance "
						+ num(moved.get("distance").asDouble(), 4) + "."));

		// the single neurons that move basketball's margin most, each one click from the
		// ablation
		driver.findElement(By.id("tf-movers")).click();
		driver.findElement(By.id("tf-compare")).click();
		List<WebElement> movers = await(Duration.ofSeconds(180), d -> {
			List<WebElement> found = d.findElements(By.cssSelector("#tf-movers-table tbody tr"));
			return found.isEmpty() ? null : found;
		});
		assertThat(movers).hasSize(10);
		WebElement next = movers.stream()
			.filter(row -> !text("tf-chosen").contains("L%s · %s".formatted(cellText(row, 0), cellText(row, 1))))
			.findFirst()
			.orElseThrow();
		String mover = "L%s · %s".formatted(cellText(next, 0), cellText(next, 1));
		WebElement add = next.findElement(By.cssSelector("button[data-ablate]"));
		assertThat(add.getDomAttribute("aria-pressed")).isEqualTo("false");
		add.click();
		assertThat(add.getDomAttribute("aria-pressed")).isEqualTo("true");
		assertThat(text("tf-chosen")).contains(mover);
	}

	@Test
	void anEmptySentenceShowsTheProblemAsTheApiWroteIt() throws Exception {
		type("tf-text", " ");
		driver.findElement(By.id("tf-run")).click();
		JsonNode problem = post("/api/v1/transformers/all-minilm-l6-v2/trace", "{\"text\": \" \", \"topK\": 5}");
		WebElement shown = awaitElement(By.cssSelector("#tf-trace .problem"));
		assertThat(shown.findElement(By.className("problem-title")).getText())
			.isEqualTo(problem.get("title").asString() + " (400)")
			.isEqualTo("Empty text (400)");
		assertThat(shown.findElement(By.className("problem-detail")).getText())
			.isEqualTo(problem.get("detail").asString())
			.isEqualTo("text must contain at least one non-blank character");
		chromium.screenshot(shown, "5-transformer-problem");
	}

	private String cellText(WebElement row, int column) {
		return row.findElements(By.tagName("td")).get(column).getText();
	}

}
