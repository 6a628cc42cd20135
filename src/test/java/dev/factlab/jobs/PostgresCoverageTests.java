package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * CI must test the job tables on a real PostgreSQL, not skip them: under CI=true, either
 * Docker runs (then {@link ContainerJobLifecycleTests} does) or FACTLAB_TEST_POSTGRES_URL
 * names a database (then {@link PostgresJobLifecycleTests} does). {@code .ci/run} sets
 * the variable.
 */
class PostgresCoverageTests {

	@Test
	void ciRunsTheJobTestsOnPostgres() {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		String url = System.getenv(PostgresJobLifecycleTests.URL);
		boolean database = url != null && !url.isBlank();
		assertThat(!ci || database || DockerClientFactory.instance().isDockerAvailable())
			.as("CI=true but neither Docker nor %s is available: the PostgreSQL job tests would be skipped. "
					+ "Run .ci/run (it starts the local PostgreSQL and sets the variable) or provide Docker.",
					PostgresJobLifecycleTests.URL)
			.isTrue();
	}

}
