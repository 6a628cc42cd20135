package dev.factlab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application with MockMvc and small limits, shared by every HTTP test so that
 * Spring caches one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "factlab.web.max-request-bytes=2MB", "factlab.mlp.max-tokens-per-request=100",
		"factlab.mlp.model-memory-budget=64MB", "factlab.mlp.max-d-model=4096", "factlab.facts.max-facts=64",
		"factlab.mlp.large-pass-wait=1s", FactLabTest.IN_MEMORY_DATABASE, FactLabTest.FAST_HEARTBEAT,
		FactLabTest.FAST_POLLING, "factlab.jobs.max-event-streams=3" })
@AutoConfigureMockMvc
public @interface FactLabTest {

	/** The limits set above, for assertions. */
	long MAX_REQUEST_BYTES = 2L * 1024 * 1024;

	int MAX_TOKENS = 100;

	long MODEL_BUDGET_BYTES = 64L * 1024 * 1024;

	int MAX_D_MODEL = 4096;

	/** factlab.mlp.large-pass-wait as set above. */
	long LARGE_PASS_WAIT_MILLIS = 1000;

	int MAX_EVENT_STREAMS = 3;

	int MAX_FACTS = 64;

	/**
	 * Jobs in an in-memory H2 (PostgreSQL mode, like the default file database), not in
	 * ./data.
	 */
	String IN_MEMORY_DATABASE = "spring.datasource.url=jdbc:h2:mem:factlab-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

	/**
	 * A dead instance is noticed after 4 × 2 s instead of 4 × 5 s, so recovery tests take
	 * seconds.
	 */
	String FAST_HEARTBEAT = "db-scheduler.heartbeat-interval=2s";

	String FAST_POLLING = "db-scheduler.polling-interval=500ms";

}
