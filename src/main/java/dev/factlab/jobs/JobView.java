package dev.factlab.jobs;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as clients see it.
 *
 * @param spec the submitted spec, as JSON
 * @param cancelRequested a client asked to cancel the running job; it ends CANCELLED
 * within about a second
 * @param attempts how many times an instance started it: more than 1 after an instance
 * died mid-run (a start that ended because its instance shut down gracefully is given
 * back)
 * @param runBy the db-scheduler instance that started the latest attempt, or null while
 * never started
 */
@Schema(description = "A job: its kind and spec, where it is (status, progress), when, and why it failed if it did.")
public record JobView(@Schema(description = "The job id", example = "4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44") UUID id,
		@Schema(description = "The job kind", example = "angle-distribution") String kind,
		@Schema(description = "Where the job is in its lifecycle") JobStatus status,
		@Schema(description = "The latest progress report") JobProgress progress,
		@JsonRawValue @Schema(types = "object", description = "The submitted spec (JSON), as stored",
				example = "{\"vectors\": 10000, \"dimensions\": 100, \"steps\": 250}") String spec,
		@Schema(description = "Why it failed; null unless status is FAILED") JobError error,
		@Schema(description = "True once a DELETE asked a running job to stop",
				example = "false") boolean cancelRequested,
		@Schema(example = "1",
				description = "Starts so far: more than 1 after an instance died mid-run (a graceful "
						+ "shutdown gives its start back)") int attempts,
		@Schema(description = "The instance running (or last running) it", example = "factlab-7c9f",
				nullable = true) String runBy,
		@Schema(description = "When it was submitted", example = "2026-05-04T10:15:00Z") Instant createdAt,
		@Schema(description = "When its current attempt started", example = "2026-05-04T10:15:01.100Z",
				nullable = true) Instant startedAt,
		@Schema(description = "When it ended", example = "2026-05-04T10:23:22.480Z",
				nullable = true) Instant finishedAt,
		@Schema(description = "Last change of status or progress",
				example = "2026-05-04T10:15:31.250Z") Instant updatedAt,
		@Schema(description = "Related resources") Links links) {

	/** Where to go from here. */
	@Schema(name = "JobLinks", description = "Related resources of this job")
	public record Links(
			@Schema(description = "This job",
					example = "/api/v1/jobs/4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44") String self,
			@Schema(description = "Its Server-Sent Events stream",
					example = "/api/v1/jobs/4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44/events") String events,
			@Schema(description = "Its result, once SUCCEEDED",
					example = "/api/v1/jobs/4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44/result") String result,
			@Schema(description = "Its artifacts",
					example = "/api/v1/jobs/4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44/artifacts") String artifacts) {

		public static Links of(UUID id) {
			String self = Jobs.PATH + "/" + id;
			return new Links(self, self + "/events", self + "/result", self + "/artifacts");
		}

	}

}
