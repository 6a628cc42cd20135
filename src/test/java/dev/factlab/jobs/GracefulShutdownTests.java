package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.factlab.FactLabApplication;
import dev.factlab.FactLabTest;
import dev.factlab.jobs.internal.JobExecutions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A stopping instance hands its running job back: the job is QUEUED again with its start
 * given back, and its execution stays in db-scheduler's table for the next instance, so
 * it doesn't wait for dead-instance detection. Runs a whole application and closes it, as
 * a rolling restart would.
 */
class GracefulShutdownTests {

	@Test
	void aRunningJobGoesBackToTheQueueWhenItsInstanceStops() {
		String url = "jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
		UUID id;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FactLabApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + url, "--" + FactLabTest.FAST_POLLING)) {
			Jobs jobs = app.getBean(Jobs.class);
			id = jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null).job().id();
			await().atMost(Duration.ofSeconds(20)).until(() -> CountJob.computed.containsKey(id));
			assertThat(jobs.find(id).status()).isEqualTo(JobStatus.RUNNING);
		}
		int computed = CountJob.computed.get(id).get();

		JdbcClient db = JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));
		assertThat(db.sql("select status from jobs where id = ?").param(id).query(String.class).single())
			.isEqualTo("QUEUED");
		assertThat(db.sql("select attempts from jobs where id = ?").param(id).query(Integer.class).single())
			.as("a graceful stop gives the start back")
			.isZero();
		assertThat(db.sql("select picked from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(JobExecutions.TASK, id.toString())
			.query(Boolean.class)
			.single()).as("the execution waits, unpicked, for the next instance").isFalse();
		assertThat(CountJob.computed.get(id).get()).as("the computation stopped").isEqualTo(computed);
		db.sql("shutdown").update();
	}

}
