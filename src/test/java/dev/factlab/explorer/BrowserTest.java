package dev.factlab.explorer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The application on a random port with its own in-memory job database, for the browser
 * tests; they run when Chromium is installed, and always under CI=true (see
 * {@link HeadlessChromium#runnable()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:factlab-explorer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
				"db-scheduler.polling-interval=500ms" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dev.factlab.explorer.HeadlessChromium#runnable", disabledReason = HeadlessChromium.MISSING)
@interface BrowserTest {

}
