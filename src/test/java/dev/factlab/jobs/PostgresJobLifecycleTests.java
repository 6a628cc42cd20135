package dev.factlab.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The job lifecycle on a PostgreSQL named by {@value #URL} (with {@value #USER}, default
 * postgres, and {@value #PASSWORD}, default empty): what {@code .ci/run} uses on machines
 * without Docker. Each run migrates a fresh schema
 * {@code factlab_test_<epoch seconds>_<random>}, so runs never see each other's jobs;
 * schemas of runs older than {@link #KEEP} are dropped first.
 */
@SpringBootTest(properties = { FactLabTest.FAST_HEARTBEAT, FactLabTest.FAST_POLLING })
@EnabledIfEnvironmentVariable(named = PostgresJobLifecycleTests.URL, matches = ".+")
class PostgresJobLifecycleTests extends JobLifecycleContract {

	static final String URL = "FACTLAB_TEST_POSTGRES_URL";

	static final String USER = "FACTLAB_TEST_POSTGRES_USER";

	static final String PASSWORD = "FACTLAB_TEST_POSTGRES_PASSWORD";

	static final String SCHEMA_PREFIX = "factlab_test_";

	static final Duration KEEP = Duration.ofHours(6);

	@DynamicPropertySource
	static void freshSchema(DynamicPropertyRegistry registry) throws SQLException {
		freshSchema(registry, UnaryOperator.identity());
	}

	/**
	 * Creates a fresh schema in the database of {@value #URL} and points the application
	 * at it, through {@code route} (which may send the connections through a proxy).
	 * @return the schema's name
	 */
	static String freshSchema(DynamicPropertyRegistry registry, UnaryOperator<String> route) throws SQLException {
		String url = System.getenv(URL);
		String user = env(USER, "postgres");
		String password = env(PASSWORD, "");
		String schema = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
				+ UUID.randomUUID().toString().substring(0, 8);
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			for (String old : staleSchemas(statement)) {
				statement.execute("drop schema " + old + " cascade");
			}
			statement.execute("create schema " + schema);
		}
		String routed = route.apply(url);
		registry.add("spring.datasource.url",
				() -> routed + (routed.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		registry.add("spring.datasource.username", () -> user);
		registry.add("spring.datasource.password", () -> password);
		registry.add("spring.flyway.default-schema", () -> schema);
		return schema;
	}

	private static List<String> staleSchemas(Statement statement) throws SQLException {
		List<String> stale = new ArrayList<>();
		long cutoff = Instant.now().minus(KEEP).getEpochSecond();
		try (ResultSet rs = statement
			.executeQuery("select nspname from pg_namespace where nspname like '" + SCHEMA_PREFIX + "%'")) {
			while (rs.next()) {
				String name = rs.getString(1);
				String[] parts = name.substring(SCHEMA_PREFIX.length()).split("_");
				if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
					stale.add(name);
				}
			}
		}
		return stale;
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

}
