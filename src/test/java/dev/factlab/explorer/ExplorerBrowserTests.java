package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The explorer page in a real browser (headless Chromium) against the running service:
 * the lesson's walkthrough, a live angle job, a problem shown as the API wrote it, the
 * Swagger UI links, labels and a phone's width. Screenshots of each section go to
 * target/explorer-screenshots.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:factlab-explorer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
				"db-scheduler.polling-interval=500ms" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dev.factlab.explorer.HeadlessChromium#runnable", disabledReason = HeadlessChromium.MISSING)
class ExplorerBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	HeadlessChromium chromium;

	WebDriver driver;

	@BeforeAll
	void startBrowser() throws Exception {
		chromium = HeadlessChromium.start();
		driver = chromium.driver;
	}

	@AfterAll
	void stopBrowser() throws Exception {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void openThePage() {
		driver.manage().window().setSize(new Dimension(1280, 1000));
		driver.get("http://localhost:" + port + "/");
		await(Duration.ofSeconds(90),
				d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
	}

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
	void aSmallAngleJobRunsToTheEndWithVisibleProgressAndItsHistogramsRender() throws Exception {
		WebElement form = driver.findElement(By.id("angles-form"));
		driver.findElement(By.cssSelector("input[name=size][value=custom]")).click();
		type("angles-vectors", "1200");
		type("angles-dimensions", "24");
		type("angles-steps", "60");
		((JavascriptExecutor) driver).executeScript(
				"""
						window.seen = [];
						new MutationObserver(() => {
						  const bar = document.querySelector('#angles-progress progress');
						  const message = document.querySelector('#angles-progress .message');
						  if (bar && message) window.seen.push([bar.value, message.textContent]);
						}).observe(document.getElementById('angles-progress'), {subtree: true, childList: true, characterData: true, attributes: true});
						""");
		form.findElement(By.id("angles-run")).click();
		await(Duration.ofSeconds(30), d -> d.findElement(By.id("angles-progress")).isDisplayed());
		List<WebElement> plots = await(Duration.ofSeconds(180), d -> {
			List<WebElement> images = d.findElements(By.cssSelector("#angles-histograms img.svg-plot"));
			return images.size() == 4 && images.stream().allMatch(this::rendered) ? images : null;
		});
		assertThat(plots).hasSize(4);
		assertThat(driver.findElement(By.cssSelector("#angles-progress .status")).getText()).isEqualTo("SUCCEEDED");
		@SuppressWarnings("unchecked")
		List<List<Object>> seen = (List<List<Object>>) ((JavascriptExecutor) driver)
			.executeScript("return window.seen");
		assertThat(seen).as("progress the page showed").anySatisfy(s -> {
			assertThat(((Number) s.get(0)).doubleValue()).isStrictlyBetween(0.0, 1.0);
			assertThat((String) s.get(1)).matches("Adam step \\d+ of 60 · \\d+%");
		});
		assertThat(text("angles-stats")).contains("All 719,400 pairs");
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
		await(Duration.ofSeconds(90),
				d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
		Object wide = js.executeScript(
				"""
						const width = document.documentElement.clientWidth;
						return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
						  .filter(e => !e.closest('.table-wrap, pre'))
						  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
		assertThat((List<?>) wide).as("elements wider than a phone's 390 px").isEmpty();
		Number overflow = (Number) js
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(overflow.intValue()).as("pixels of sideways scrolling on a phone").isLessThanOrEqualTo(0);
		chromium.screenshot(driver.findElement(By.id("mlp")), "phone-mlp");
	}

	private boolean rendered(WebElement image) {
		Object width = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", image);
		return width instanceof Number n && n.intValue() > 0;
	}

	private JsonNode post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return json.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
	}

	private void type(String id, String value) {
		WebElement input = driver.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private String text(String id) {
		return driver.findElement(By.id(id)).getText();
	}

	private void awaitText(String id, Predicate<String> condition) {
		await(Duration.ofSeconds(30), d -> condition.test(d.findElement(By.id(id)).getText()));
	}

	private WebElement awaitElement(By by) {
		return await(Duration.ofSeconds(60), d -> d.findElement(by));
	}

	private <T> T await(Duration timeout, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

}
