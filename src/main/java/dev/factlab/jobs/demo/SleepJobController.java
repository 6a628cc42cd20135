package dev.factlab.jobs.demo;

import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/v1/jobs/sleep, only with factlab.jobs.demo-handler.enabled=true. */
@RestController
@ConditionalOnProperty(name = "factlab.jobs.demo-handler.enabled", havingValue = "true")
@Tag(name = "Jobs")
class SleepJobController {

	private final Jobs jobs;

	SleepJobController(Jobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping(Jobs.PATH + "/" + SleepJob.KIND)
	@Operation(operationId = "submitSleepJob", summary = "Submit a demo sleep job",
			description = "Sleeps for `seconds` (at most 3,600), reporting "
					+ "progress every 100 ms; fails on purpose at `failAtSecond` if given. Only when "
					+ "factlab.jobs.demo-handler.enabled=true.")
	@ApiResponse(responseCode = "202", description = "Queued; Location names the job")
	@ApiResponse(responseCode = "400", description = "Invalid spec",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "Idempotency-Key reused with another spec",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413", description = "seconds over 3,600",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "The job queue is full",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<JobView> submit(@RequestBody SleepJob.Spec spec,
			@Parameter(description = "Makes a retried request return the same job") @RequestHeader(
					name = Jobs.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey) {
		return jobs.submit(SleepJob.KIND, spec, idempotencyKey).toResponse();
	}

}
