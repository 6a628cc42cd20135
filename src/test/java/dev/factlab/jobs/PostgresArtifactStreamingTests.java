package dev.factlab.jobs;

import java.sql.SQLException;
import java.util.function.UnaryOperator;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Artifact downloads over HTTP from the PostgreSQL of
 * {@value PostgresJobLifecycleTests#URL} (a fresh schema), as
 * {@link PostgresJobLifecycleTests} uses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = FactLabTest.FAST_POLLING)
@EnabledIfEnvironmentVariable(named = PostgresJobLifecycleTests.URL, matches = ".+")
class PostgresArtifactStreamingTests extends ArtifactStreamingContract {

	@DynamicPropertySource
	static void freshSchema(DynamicPropertyRegistry registry) throws SQLException {
		PostgresJobLifecycleTests.freshSchema(registry, UnaryOperator.identity());
	}

}
