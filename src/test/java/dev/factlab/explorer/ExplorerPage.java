package dev.factlab.explorer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

	JsonNode post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return json.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
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
