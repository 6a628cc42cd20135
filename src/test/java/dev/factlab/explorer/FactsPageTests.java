package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The facts and capacity section in headless Chromium: facts typed as text compiled into
 * a model, recalled with their scores, one changed, a bad name shown as the API's
 * problem, and a small capacity sweep followed live to its recall curve. Screenshots go
 * to target/explorer-screenshots.
 */
@BrowserTest
class FactsPageTests extends ExplorerPage {

	@Test
	void factsCompileRecallTheirAttributesAndAnEditChangesWhatIsRecalled() throws Exception {
		driver.findElement(By.id("facts-build-run")).click();
		WebElement table = await(Duration.ofSeconds(60), d -> d.findElement(By.id("facts-table")));
		assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(5);
		awaitText("facts-answer", t -> t.startsWith("Recalled for first:Michael + last:Jordan"));
		String model = driver.findElement(By.cssSelector("#facts-summary strong")).getText();
		// the page's answer is the API's: the same query sent directly
		JsonNode answer = post("/api/v1/models/" + model + "/query",
				"{\"subject\": [\"first:Michael\", \"last:Jordan\"]}")
			.get("answers")
			.get(0);
		assertThat(answer.get("exact").asBoolean()).isTrue();
		String recalled = text("facts-recall");
		for (JsonNode score : answer.get("recovered")) {
			assertThat(recalled)
				.contains(score.get("name").asString() + " (" + num(score.get("score").asDouble(), 2) + ")");
		}
		assertThat(recalled).contains("sport:basketball").contains("team:Chicago Bulls").contains("number:23");
		assertThat(text("facts-exact")).startsWith("Exactly the stored attributes");
		assertThat(driver.findElements(By.cssSelector("#facts-scores li"))).hasSize(answer.get("ranked").size());
		chromium.screenshot(driver.findElement(By.id("facts")), "4-facts-recall");

		// a partial subject stores nothing and recalls nothing
		type("facts-subject", "first:Michael");
		driver.findElement(By.id("facts-query-run")).click();
		awaitText("facts-answer", t -> t.startsWith("Nothing scores above 0.5 for first:Michael."));

		// Michael Jordan's 1994: the Birmingham Barons
		driver.findElement(By.cssSelector("button[aria-label='Edit first:Michael + last:Jordan']")).click();
		assertThat(driver.findElement(By.id("facts-edit-attributes")).getDomProperty("value"))
			.isEqualTo("sport:basketball, team:Chicago Bulls, number:23");
		type("facts-edit-attributes", "sport:baseball, team:Birmingham Barons, number:45");
		driver.findElement(By.id("facts-change")).click();
		awaitText("facts-edited", t -> t.startsWith("Changed neuron 0: sport:basketball, team:Chicago Bulls, number:23 "
				+ "→ sport:baseball, team:Birmingham Barons, number:45 for first:Michael + last:Jordan."));
		awaitText("facts-answer", t -> t.startsWith("Recalled for first:Michael + last:Jordan")
				&& t.contains("sport:baseball") && !t.contains("basketball ("));
		assertThat(text("facts-edited")).contains("Of the 4 other facts, 0 moved");
		assertThat(text("facts-table")).contains("sport:baseball, team:Birmingham Barons, number:45")
			.doesNotContain("Chicago Bulls");
		chromium.screenshot(driver.findElement(By.id("facts")), "4-facts-edit");
		assertFitsAPhone();
		chromium.screenshot(driver.findElement(By.id("facts")), "phone-facts");
		driver.manage().window().setSize(new Dimension(1280, 1000));

		// a name the space lacks: the API's problem, as it wrote it
		type("facts-subject", "first:Michael + last:Jordon");
		driver.findElement(By.id("facts-query-run")).click();
		JsonNode problem = post("/api/v1/models/" + model + "/query",
				"{\"subject\": [\"first:Michael\", \"last:Jordon\"]}");
		WebElement shown = awaitElement(By.cssSelector("#facts-answer .problem"));
		assertThat(shown.findElement(By.className("problem-title")).getText())
			.isEqualTo(problem.get("title").asString() + " (400)")
			.isEqualTo("Unknown name (400)");
		assertThat(shown.findElement(By.className("problem-detail")).getText())
			.isEqualTo(problem.get("detail").asString())
			.contains("has no direction 'last:Jordon'; closest: [last:Jordan");
	}

	@Test
	void anUnreadableFactIsShownBeforeAnyCall() {
		type("facts-text", "first:Michael + last:Jordan sport:basketball");
		driver.findElement(By.id("facts-build-run")).click();
		WebElement shown = awaitElement(By.cssSelector("#facts-model .problem"));
		assertThat(shown.getText()).contains("Unreadable fact")
			.contains("line 1 needs exactly one → (or ->) between the subject and the attributes");
	}

	@Test
	void aSmallCapacitySweepRunsToTheEndWithVisibleProgressAndItsRecallCurveRenders() throws Exception {
		// the section's default sweep: D 32, 64, 128 × F 32, 128, 512, 2048 (about 3 s on
		// a
		// quiet machine, progress every 512 facts)
		recordProgress("capacity-progress");
		driver.findElement(By.id("capacity-run")).click();
		await(Duration.ofSeconds(30), d -> d.findElement(By.id("capacity-progress")).isDisplayed());
		List<WebElement> charts = await(Duration.ofSeconds(180), d -> {
			List<WebElement> images = d.findElements(By.cssSelector("#capacity-charts img.svg-plot"));
			return images.size() == 2 && images.stream().allMatch(this::rendered) ? images : null;
		});
		assertThat(charts).hasSize(2);
		String id = assertProgressShown(
				"Cell D=\\d+, F=[\\d,]+ \\([\\d,]+ names\\): [\\d,]+ of [\\d,]+ facts queried · \\d+%");
		JsonNode result = get("/api/v1/jobs/" + id + "/result");
		List<WebElement> rows = driver.findElements(By.cssSelector("#capacity-table tbody tr"));
		assertThat(rows).hasSize(12).hasSize(result.get("points").size());
		for (int i = 0; i < rows.size(); i++) {
			JsonNode point = result.get("points").get(i);
			List<String> cells = rows.get(i).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
			assertThat(cells.get(0)).isEqualTo(String.valueOf(point.get("dimensions").asInt()));
			assertThat(cells.get(1).replace(",", "")).isEqualTo(String.valueOf(point.get("facts").asInt()));
			assertThat(cells.get(4)).isEqualTo(percent(point.get("recallAt1").asDouble()));
			assertThat(cells.get(5)).isEqualTo(percent(point.get("exactRate").asDouble()));
		}
		assertThat(text("capacity-summary")).contains(result.get("note").asString());
		chromium.screenshot(driver.findElement(By.id("capacity-form")).findElement(By.xpath("..")), "4-capacity");
	}

}
