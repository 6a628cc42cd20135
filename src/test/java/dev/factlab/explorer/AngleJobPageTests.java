package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The superposition section in headless Chromium: a small angle job followed live to its
 * histograms and compared with the other loss, a lesson-sized run cancelled, and a bad
 * input shown as the API's problem. Screenshots go to target/explorer-screenshots.
 */
@BrowserTest
class AngleJobPageTests extends ExplorerPage {

	/**
	 * The job is big enough (about 3 s of Adam steps on a quiet machine, one progress
	 * write every 250 ms, one read of the event streams every 300 ms) that the page must
	 * receive and show progress while it runs: a smaller one can end between two reads,
	 * and then the page honestly shows only its start and its end. The test records every
	 * event the page's EventSource received and every state the page rendered, and checks
	 * the page showed each of them, in order, to the final 100 %.
	 */
	@Test
	void aSmallAngleJobRunsToTheEndWithVisibleProgressAndItsHistogramsRender() throws Exception {
		WebElement form = driver.findElement(By.id("angles-form"));
		driver.findElement(By.cssSelector("input[name=size][value=custom]")).click();
		type("angles-vectors", "3000");
		type("angles-dimensions", "30");
		type("angles-steps", "100");
		recordProgress("angles-progress");
		form.findElement(By.id("angles-run")).click();
		await(Duration.ofSeconds(30), d -> d.findElement(By.id("angles-progress")).isDisplayed());
		List<WebElement> plots = await(Duration.ofSeconds(180), d -> {
			List<WebElement> images = d.findElements(By.cssSelector("#angles-histograms img.svg-plot"));
			return images.size() == 4 && images.stream().allMatch(this::rendered) ? images : null;
		});
		assertThat(plots).hasSize(4);
		assertThat(driver.findElement(By.cssSelector("#angles-progress .status")).getText()).isEqualTo("SUCCEEDED");
		assertProgressShown("Adam step \\d+ of 100 · \\d+%");
		assertThat(text("angles-stats")).contains("All 4,498,500 pairs");
		assertThat(driver.findElements(By.cssSelector("#angles-progress canvas"))).as("the live loss chart")
			.isNotEmpty();
		chromium.screenshot(driver.findElement(By.id("superposition")), "3-superposition");

		driver.findElement(By.id("angles-compare-run")).click();
		WebElement comparison = await(Duration.ofSeconds(180), d -> {
			WebElement c = d.findElement(By.id("angles-comparison"));
			return rendered(c.findElement(By.cssSelector("img.svg-plot"))) ? c : null;
		});
		assertThat(comparison.getText()).contains("lesson").contains("smooth-max-cosine");
		chromium.screenshot(comparison, "3-comparison");
	}

	@Test
	void theLessonsRunCanBeCancelledFromThePage() throws Exception {
		driver.findElement(By.cssSelector("input[name=size][value=lesson]")).click();
		driver.findElement(By.id("angles-run")).click();
		WebElement cancel = await(Duration.ofSeconds(30), d -> {
			WebElement button = d.findElement(By.id("angles-cancel"));
			return button.isDisplayed() ? button : null;
		});
		assertThat(driver.findElement(By.id("angles-run")).isEnabled()).as("run while a run is on").isFalse();
		cancel.click();
		awaitText("angles-result", t -> t.contains("The job ended CANCELLED"));
		assertThat(driver.findElement(By.cssSelector("#angles-progress .status")).getText()).isEqualTo("CANCELLED");
		assertThat(driver.findElement(By.id("angles-run")).isEnabled()).isTrue();
	}

	@Test
	void aBadInputShowsTheProblemAsTheApiWroteIt() throws Exception {
		driver.findElement(By.cssSelector("input[name=size][value=custom]")).click();
		type("angles-vectors", "1");
		driver.findElement(By.id("angles-run")).click();
		JsonNode problem = post("/api/v1/jobs/angle-distribution",
				"{\"loss\": \"lesson\", \"vectors\": 1, \"dimensions\": 30, \"steps\": 100, \"seed\": 7}");
		WebElement shown = awaitElement(By.cssSelector("#angles-result .problem"));
		assertThat(shown.getDomAttribute("role")).isEqualTo("alert");
		assertThat(shown.findElement(By.className("problem-title")).getText())
			.isEqualTo(problem.get("title").asString() + " (400)");
		assertThat(shown.findElement(By.className("problem-detail")).getText())
			.isEqualTo(problem.get("detail").asString())
			.isEqualTo("vectors must be at least 2 but was 1");
		chromium.screenshot(shown, "3-problem");
	}

}
