package dev.factlab.jobs;

import dev.factlab.FactLabTest;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The job lifecycle on PostgreSQL 16 in a container, where Docker runs. Without Docker
 * this class is skipped and {@link PostgresJobLifecycleTests} runs the same tests on the
 * database named by FACTLAB_TEST_POSTGRES_URL; {@link PostgresCoverageTests} fails CI if
 * neither can run.
 */
@SpringBootTest(properties = { FactLabTest.FAST_HEARTBEAT, FactLabTest.FAST_POLLING })
@Testcontainers(disabledWithoutDocker = true)
class ContainerJobLifecycleTests extends JobLifecycleContract {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");

}
