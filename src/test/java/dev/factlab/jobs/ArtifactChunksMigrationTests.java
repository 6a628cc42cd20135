package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.factlab.jobs.internal.JobArtifacts;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Migration V3_3 cuts the artifacts saved before it into chunks: each one, read back
 * chunk after chunk, is the bytes it had, on H2 (PostgreSQL mode) and on the PostgreSQL
 * of {@value PostgresJobLifecycleTests#URL} (a fresh schema), from a database migrated to
 * V3_2 with artifacts of 0, 1, one chunk, one chunk + 1 and several chunks + a bit.
 */
class ArtifactChunksMigrationTests {

	private static final int CHUNK = JobArtifacts.CHUNK_BYTES;

	@Test
	void onH2() throws SQLException {
		String url = "jdbc:h2:mem:artifact-migration-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		migrateAndCompare(url, "sa", "", null);
	}

	@Test
	void onPostgres() throws SQLException {
		String url = System.getenv(PostgresJobLifecycleTests.URL);
		Assumptions.assumeTrue(url != null && !url.isBlank(), PostgresJobLifecycleTests.URL + " is not set");
		String user = PostgresJobLifecycleTests.env(PostgresJobLifecycleTests.USER, "postgres");
		String password = PostgresJobLifecycleTests.env(PostgresJobLifecycleTests.PASSWORD, "");
		String schema = PostgresJobLifecycleTests.SCHEMA_PREFIX + (System.currentTimeMillis() / 1000) + "_"
				+ UUID.randomUUID().toString().substring(0, 8);
		try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
			s.execute("create schema " + schema);
		}
		try {
			migrateAndCompare(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password,
					schema);
		}
		finally {
			try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
				s.execute("drop schema " + schema + " cascade");
			}
		}
	}

	private void migrateAndCompare(String url, String user, String password, String schema) throws SQLException {
		flyway(url, user, password, schema, "3.2").migrate();
		Map<String, byte[]> before = new LinkedHashMap<>();
		Random random = new Random(42);
		for (int size : new int[] { 0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12_345 }) {
			byte[] bytes = new byte[size];
			random.nextBytes(bytes);
			before.put("a" + size + ".bin", bytes);
		}
		UUID job = UUID.randomUUID();
		try (Connection c = DriverManager.getConnection(url, user, password)) {
			try (PreparedStatement insert = c.prepareStatement("insert into jobs (id, kind, status, spec, progress, "
					+ "created_at, updated_at) values (?, 'count', 'SUCCEEDED', '{}', '{}', ?, ?)")) {
				insert.setObject(1, job);
				insert.setObject(2, OffsetDateTime.now());
				insert.setObject(3, OffsetDateTime.now());
				insert.executeUpdate();
			}
			try (PreparedStatement insert = c.prepareStatement("insert into job_artifacts (job_id, name, "
					+ "content_type, size_bytes, content, created_at) values (?, ?, 'application/octet-stream', ?, ?, ?)")) {
				for (Map.Entry<String, byte[]> artifact : before.entrySet()) {
					insert.setObject(1, job);
					insert.setString(2, artifact.getKey());
					insert.setLong(3, artifact.getValue().length);
					insert.setBytes(4, artifact.getValue());
					insert.setObject(5, OffsetDateTime.now());
					insert.executeUpdate();
				}
			}
		}

		flyway(url, user, password, schema, "3.3").migrate();

		try (Connection c = DriverManager.getConnection(url, user, password)) {
			for (Map.Entry<String, byte[]> artifact : before.entrySet()) {
				ByteArrayOutputStream after = new ByteArrayOutputStream();
				int chunks = 0;
				try (PreparedStatement select = c.prepareStatement("select c.seq, c.content from job_artifact_chunks c "
						+ "join job_artifacts a on a.id = c.artifact_id where a.job_id = ? and a.name = ? order by c.seq")) {
					select.setObject(1, job);
					select.setString(2, artifact.getKey());
					try (ResultSet rs = select.executeQuery()) {
						while (rs.next()) {
							assertThat(rs.getInt(1)).isEqualTo(chunks++);
							byte[] chunk = rs.getBytes(2);
							assertThat(chunk.length).as("chunk %d of %s", chunks - 1, artifact.getKey())
								.isLessThanOrEqualTo(CHUNK);
							after.writeBytes(chunk);
						}
					}
				}
				int size = artifact.getValue().length;
				assertThat(chunks).as("chunks of %s", artifact.getKey()).isEqualTo((size + CHUNK - 1) / CHUNK);
				assertThat(after.toByteArray()).as(artifact.getKey()).isEqualTo(artifact.getValue());
			}
		}
	}

	private static Flyway flyway(String url, String user, String password, String schema, String target) {
		var config = Flyway.configure()
			.dataSource(url, user, password)
			.locations("classpath:db/migration")
			.target(target)
			.cleanDisabled(true);
		if (schema != null) {
			config = config.defaultSchema(schema).schemas(schema);
		}
		return config.load();
	}

}
