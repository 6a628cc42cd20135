package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.factlab.errors.ConflictException;
import tools.jackson.databind.json.JsonMapper;

/** Waiting for jobs, and leaving none running behind. */
public final class JobTesting {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JobTesting() {
	}

	static JobView awaitStatus(Jobs jobs, UUID id, JobStatus status, Duration atMost) {
		AtomicReference<JobView> last = new AtomicReference<>();
		await().atMost(atMost).pollInterval(Duration.ofMillis(25)).alias("job " + id + " to be " + status).until(() -> {
			last.set(jobs.find(id));
			return last.get().status() == status;
		});
		return last.get();
	}

	/**
	 * Waits until the job has ended and asserts it SUCCEEDED, naming its error otherwise.
	 */
	public static void awaitSuccess(Jobs jobs, UUID id, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> jobs.find(id).status().ordinal() >= JobStatus.SUCCEEDED.ordinal());
		JobView ended = jobs.find(id);
		assertThat(ended.status()).as("job %s: %s", id, ended.error()).isEqualTo(JobStatus.SUCCEEDED);
	}

	/** Cancels every QUEUED or RUNNING job and waits until they have all ended. */
	static void cancelAll(Jobs jobs) {
		for (JobStatus status : new JobStatus[] { JobStatus.QUEUED, JobStatus.RUNNING }) {
			jobs.list(status.name(), null, 0, 100).items().forEach(job -> {
				try {
					jobs.cancel(job.id());
				}
				catch (ConflictException ended) {
					// finished meanwhile
				}
			});
		}
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(25))
			.until(() -> jobs.list("QUEUED", null, 0, 1).total() + jobs.list("RUNNING", null, 0, 1).total() == 0);
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
