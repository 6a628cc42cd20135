package dev.factlab.jobs;

import dev.factlab.FactLabTest;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Artifact downloads over HTTP from H2 (PostgreSQL mode, in memory: a database of its
 * own, so the shared test context's scheduler does not run these jobs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { H2ArtifactStreamingTests.DATABASE, FactLabTest.FAST_POLLING })
class H2ArtifactStreamingTests extends ArtifactStreamingContract {

	static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:factlab-artifacts;MODE=PostgreSQL;"
			+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

}
