package dev.factlab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The application as it ships: every default limit, no test-only job kinds, Tomcat on a
 * random port (for clients that need a real socket) and MockMvc. Shared by the tests of
 * the served contract so that Spring caches one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { ServedAppTest.OWN_DATABASE, ServedAppTest.NO_TEST_JOB_KINDS })
@AutoConfigureMockMvc
public @interface ServedAppTest {

	/**
	 * Its own in-memory H2: another context's db-scheduler must not pick up jobs of kinds
	 * this one doesn't have.
	 */
	String OWN_DATABASE = "spring.datasource.url=jdbc:h2:mem:factlab-served;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

	/** The test job kinds (e.g. "count") stay out of the served contract. */
	String NO_TEST_JOB_KINDS = "factlab.test.job-kinds.enabled=false";

}
