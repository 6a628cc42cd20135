package dev.factlab.explorer;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, headless, with a fresh profile: found on the
 * usual paths (or FACTLAB_CHROMIUM / FACTLAB_CHROMEDRIVER). Without them the browser
 * tests skip with a message ({@link #runnable()}), before the application starts, except
 * under CI=true, where that is a failure (.ci/run installs them).
 */
final class HeadlessChromium implements AutoCloseable {

	static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	/** Why the browser tests skip: shown by JUnit when {@link #runnable()} is false. */
	static final String MISSING = "No Chromium for the explorer's browser tests: install Debian's chromium and "
			+ "chromium-driver (apt-get install chromium chromium-driver), or set FACTLAB_CHROMIUM and FACTLAB_CHROMEDRIVER";

	final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Whether the browser tests run: when the browser is installed, and always under
	 * CI=true (where a missing browser then fails them).
	 */
	static boolean runnable() {
		return "true".equalsIgnoreCase(System.getenv("CI"))
				|| (find("FACTLAB_CHROMIUM", BROWSERS) != null && find("FACTLAB_CHROMEDRIVER", DRIVERS) != null);
	}

	/** Starts the browser; fails when it isn't installed. */
	static HeadlessChromium start() throws IOException {
		Path browser = find("FACTLAB_CHROMIUM", BROWSERS);
		Path chromedriver = find("FACTLAB_CHROMEDRIVER", DRIVERS);
		if (browser == null || chromedriver == null) {
			fail("%s (looked for %s and %s)".formatted(MISSING, BROWSERS, DRIVERS));
		}
		Path profile = Files.createTempDirectory("factlab-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(browser.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
					"--window-size=1280,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options), profile);
	}

	private static Path find(String variable, List<String> candidates) {
		String configured = System.getenv(variable);
		return Stream.concat(Stream.ofNullable(configured), candidates.stream())
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

	/**
	 * A PNG of the element, beyond the viewport if it is taller, under
	 * target/explorer-screenshots.
	 */
	Path screenshot(WebElement element, String name) throws IOException {
		Rectangle r = element.getRect();
		Map<String, Object> clip = Map.of("x", r.getX(), "y", r.getY(), "width", r.getWidth(), "height", r.getHeight(),
				"scale", 1);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		Path file = Path.of("target", "explorer-screenshots", name + ".png");
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
		return file;
	}

	@Override
	public void close() throws IOException {
		driver.quit();
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
		}
	}

}
