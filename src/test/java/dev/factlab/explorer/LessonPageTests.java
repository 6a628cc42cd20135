package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The explorer's lesson sections in headless Chromium: the Michael Jordan walkthrough
 * under ReLU and GELU, the parameter count and an edit, every panel's curl and Swagger UI
 * link, labels, and a phone's width. Screenshots go to target/explorer-screenshots.
 */
@BrowserTest
class LessonPageTests extends ExplorerPage {

	@Test
	void michaelJordanGetsBasketballAndMichaelPhelpsDoesNot() throws Exception {
		assertThat(text("mlp-e")).isEqualTo("E = first:Michael + last:Jordan");
		assertThat(text("mlp-verdict")).contains("sport:basketball").doesNotContain("swimming");
		assertThat(text("mlp-neurons")).contains("Michael Jordan");
		assertThat(text("mlp-writes")).contains("adds 1 × (sport:basketball + team:Chicago Bulls + number:23)");
		chromium.screenshot(driver.findElement(By.id("mlp")), "1-mlp-michael-jordan");

		new Select(driver.findElement(By.id("mlp-last"))).selectByValue("last:Phelps");
		awaitText("mlp-verdict", v -> v.contains("sport:swimming") && !v.contains("basketball"));
		assertThat(text("mlp-e")).isEqualTo("E = first:Michael + last:Phelps");

		new Select(driver.findElement(By.id("mlp-first"))).selectByValue("first:Alexis");
		new Select(driver.findElement(By.id("mlp-last"))).selectByValue("last:Jordan");
		awaitText("mlp-verdict", v -> v.startsWith("The block added no fact"));
	}

	@Test
	void geluSoftensTheAndGate() throws Exception {
		driver.findElement(By.cssSelector("input[name=activation][value=gelu]")).click();
		// GELU(1) = Φ(1) = 0.8413...: the lit neuron's value and the basketball it adds.
		awaitText("mlp-neurons", t -> t.contains("GELU(pre)") && t.contains("0.841"));
		assertThat(text("mlp-verdict")).contains("sport:basketball (0.84)");
		chromium.screenshot(driver.findElement(By.id("mlp")), "1-mlp-gelu");
	}

	@Test
	void everyPanelShowsItsCurlAndLinksTheOperationInSwaggerUi() {
		WebElement call = awaitElement(By.cssSelector("#mlp-calls .call"));
		assertThat(call.findElement(By.cssSelector("pre.curl")).getText()).startsWith("curl -s 'http://localhost:"
				+ port + "/api/v1/models/michael-jordan/forward' "
				+ "-H 'Content-Type: application/json' -d '{ \"tokens\": [ { \"first:Michael\": 1, \"last:Jordan\": 1 } ]");
		for (String section : List.of("mlp", "params", "angles")) {
			assertThat(driver.findElements(By.cssSelector("#" + section + "-calls pre.curl"))).as(section).isNotEmpty();
		}
		String forward = awaitElement(By
			.xpath("//li[@class='call'][.//span[text()='POST /api/v1/models/{id}/forward']]" + "//a[@class='swagger']"))
			.getDomProperty("href");
		assertThat(forward).endsWith("/swagger-ui.html#/MLP%20block/forward");
		driver.get(forward);
		// Swagger UI's deep link opens the operation itself.
		await(Duration.ofSeconds(30),
				d -> d.findElement(By.id("operations-MLP_block-forward")).getDomAttribute("class").contains("is-open"));
	}

	@Test
	void theParametersSectionShowsTheLessonsTwoThirdsAndFollowsAnEdit() throws Exception {
		WebElement lesson = awaitElement(By.id("params-lesson"));
		assertThat(lesson.getText()).contains("66.2%").contains("about two thirds").contains("27,938");
		// The lesson's total for GPT-3 175B (REFERENCE.md) beside the full convention's.
		assertThat(text("params-conventions")).contains("175,181,291,520").contains("174,604,259,328");
		awaitElement(By.cssSelector("#params-result img.svg-plot"));
		chromium.screenshot(driver.findElement(By.id("params")), "2-params");

		driver.findElement(By.cssSelector("#params details.config summary")).click();
		WebElement layers = driver.findElement(By.id("p-layers"));
		layers.clear();
		layers.sendKeys("48");
		driver.findElement(By.id("p-vocab")).click();
		// 48 of GPT-3's 96 layers: embedding and unembedding 2 × 617,558,016, 48 ×
		// 1,811,939,328 per layer.
		awaitText("params-conventions", t -> t.contains("88,208,203,776"));
	}

	@Test
	void anyModelRunsStepByStepFromARawVector() throws Exception {
		driver.findElement(By.cssSelector("#mlp details.new-model summary")).click();
		driver.findElement(By.cssSelector("#mlp-new button[type=submit]")).click();
		awaitText("mlp-result", t -> t.contains("The 8 strongest of 256 neurons"));
		Select model = new Select(driver.findElement(By.id("mlp-model")));
		assertThat(model.getFirstSelectedOption().getText()).startsWith("gelu-64x256-seed42")
			.endsWith("(64 × 256, gelu)");
		assertThat(driver.findElements(By.cssSelector("#mlp-calls .op"))).extracting(WebElement::getText)
			.startsWith("POST /api/v1/models", "GET /api/v1/models", "POST /api/v1/models/{id}/forward");
		assertThat(text("mlp-e")).isEqualTo("E = the vector you typed");
		assertThat(driver.findElements(By.cssSelector("#mlp-neurons tbody tr"))).hasSize(8);
		assertThat(text("mlp-result")).contains("This model has no named directions");
		WebElement raw = driver.findElement(By.id("mlp-raw"));
		raw.clear();
		raw.sendKeys("1, 2, 3");
		driver.findElement(By.cssSelector("#mlp-form button[type=submit]")).click();
		// read in one go: a run that the edit itself started may replace the box
		// meanwhile
		String problem = await(Duration.ofSeconds(60),
				d -> d.findElement(By.cssSelector("#mlp-result .problem")).getText());
		assertThat(problem).contains("Wrong vector length (400)")
			.contains("token 0 expected 64 numbers (dModel of model 'gelu-64x256-seed42");
		chromium.screenshot(driver.findElement(By.id("mlp")), "1-mlp-any-model-problem");
	}

	@Test
	void everyControlHasALabelAndAPhoneNeedsNoSidewaysScrolling() throws Exception {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		Object unlabelled = js.executeScript("""
				return [...document.querySelectorAll('input, select, textarea, button')]
				  .filter(e => !(e.labels?.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
				  .map(e => e.id || e.name || e.outerHTML);""");
		assertThat((List<?>) unlabelled).isEmpty();
		chromium.screenshot(driver.findElement(By.tagName("header")), "0-header");
		driver.manage().window().setSize(new Dimension(390, 844));
		driver.navigate().refresh();
		awaitReady();
		assertFitsAPhone();
		chromium.screenshot(driver.findElement(By.id("mlp")), "phone-mlp");
	}

}
