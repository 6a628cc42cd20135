package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One headless Chromium per test class against the running service, the explorer opened
 * afresh (and fully loaded) before each test, and waits on conditions, never on time.
 */
abstract class ExplorerPage {

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
		awaitReady();
	}

	/** Every section has loaded (the page sets body[data-ready] then). */
	void awaitReady() {
		await(Duration.ofSeconds(90),
				d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
	}

	boolean rendered(WebElement image) {
		Object width = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", image);
		return width instanceof Number n && n.intValue() > 0;
	}

	/**
	 * From now on, records every event the page's EventSource receives and every state
	 * (status, bar, message) the progress view in the container renders.
	 */
	void recordProgress(String containerId) {
		((JavascriptExecutor) driver).executeScript(
				"""
						window.received = [];
						const Native = window.EventSource;
						window.EventSource = class extends Native {
						  constructor(url, init) {
						    super(url, init);
						    for (const name of ['progress', 'status']) this.addEventListener(name, (e) => {
						      const job = JSON.parse(e.data);
						      window.received.push([name, job.status, job.progress.fraction, job.progress.message ?? '', job.id]);
						    });
						  }
						};
						window.seen = [];
						const container = document.getElementById(arguments[0]);
						new MutationObserver(() => {
						  const bar = container.querySelector('progress');
						  const message = container.querySelector('.message');
						  const status = container.querySelector('.status');
						  if (bar && message && status) window.seen.push([status.textContent, bar.value, message.textContent]);
						}).observe(container, {subtree: true, childList: true, characterData: true, attributes: true});
						""",
				containerId);
	}

	/**
	 * After {@link #recordProgress}: the job succeeded, the page rendered every event it
	 * received in order (status, fraction on the bar, message with the percentage) to the
	 * final 100 %, and showed progress strictly between 0 and 1 while the job ran, with a
	 * message matching runningMessage. Returns the job's id.
	 */
	String assertProgressShown(String runningMessage) {
		@SuppressWarnings("unchecked")
		List<List<Object>> received = (List<List<Object>>) ((JavascriptExecutor) driver)
			.executeScript("return window.received");
		@SuppressWarnings("unchecked")
		List<List<Object>> seen = (List<List<Object>>) ((JavascriptExecutor) driver)
			.executeScript("return window.seen");
		assertThat(received).as("events received").isNotEmpty();
		List<Object> end = received.get(received.size() - 1);
		assertThat(end).as("the last event").startsWith("status", "SUCCEEDED");
		int at = 0;
		for (List<Object> event : received) {
			double fraction = ((Number) event.get(2)).doubleValue();
			String percent = Math.round(100 * fraction) + "%";
			String message = event.get(3).equals("") ? percent : event.get(3) + " · " + percent;
			int from = at;
			at = indexOf(seen, from, s -> s.get(0).equals(event.get(1)) && s.get(2).equals(message)
					&& Math.abs(((Number) s.get(1)).doubleValue() - fraction) < 1e-9);
			assertThat(at).as("the page's rendering of %s among %s from %d", event, seen, from).isNotNegative();
		}
		List<Object> last = seen.get(seen.size() - 1);
		assertThat(last.get(0)).as("the final state").isEqualTo("SUCCEEDED");
		assertThat(((Number) last.get(1)).doubleValue()).as("the final bar").isEqualTo(1.0);
		assertThat((String) last.get(2)).as("the final message").endsWith(" · 100%");
		assertThat(seen).as("progress the page showed while the job ran").anySatisfy(s -> {
			assertThat(s.get(0)).isEqualTo("RUNNING");
			assertThat(((Number) s.get(1)).doubleValue()).isStrictlyBetween(0.0, 1.0);
			assertThat((String) s.get(2)).matches(runningMessage);
		});
		return (String) end.get(4);
	}

	private static int indexOf(List<List<Object>> seen, int from, Predicate<List<Object>> state) {
		for (int i = from; i < seen.size(); i++) {
			if (state.test(seen.get(i))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * At a phone's width (390 px) the page as it is now needs no sideways scrolling: only
	 * tables and code scroll inside their own boxes.
	 */
	void assertFitsAPhone() {
		driver.manage().window().setSize(new Dimension(390, 844));
		JavascriptExecutor js = (JavascriptExecutor) driver;
		await(Duration.ofSeconds(10), d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 390);
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
	}

	JsonNode post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return json.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
	}

	JsonNode get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
		return json.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
	}

	/**
	 * dom.js's num(x, digits): rounded half up, trailing zeros dropped (0.90 -> "0.9").
	 */
	static String num(double x, int digits) {
		String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
		return s.equals("-0") ? "0" : s;
	}

	/** dom.js's percent(fraction): "98.4%". */
	static String percent(double fraction) {
		return new BigDecimal(100 * fraction).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	void type(String id, String value) {
		WebElement input = driver.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	String text(String id) {
		return driver.findElement(By.id(id)).getText();
	}

	void awaitText(String id, Predicate<String> condition) {
		await(Duration.ofSeconds(30), d -> condition.test(d.findElement(By.id(id)).getText()));
	}

	WebElement awaitElement(By by) {
		return await(Duration.ofSeconds(60), d -> d.findElement(by));
	}

	<T> T await(Duration timeout, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

}
