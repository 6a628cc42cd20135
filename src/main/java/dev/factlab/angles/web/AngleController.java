package dev.factlab.angles.web;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.AngleDistributionJob;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Angles",
		description = "Superposition: how many nearly perpendicular directions fit, and the lesson's experiment")
class AngleController {

	private final Jobs jobs;

	AngleController(Jobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping(Jobs.PATH + "/" + AngleDistributionJob.KIND)
	@Operation(summary = "Run the angle experiment",
			description = "Queues the lesson's experiment: N random unit vectors in D dimensions pushed towards "
					+ "perpendicular by full-batch Adam, with every pairwise angle measured before and after (histograms "
					+ "over 0°–180° and 80°–100°, extremes, quantiles, near-parallel pairs). Answers 202 with Location; "
					+ "follow it with GET /api/v1/jobs/{id} or /events; the final vectors become the artifact vectors.f32. "
					+ "The lesson's run (10,000 × 100, 250 steps) takes about a minute here.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
					@ExampleObject(name = "lesson", summary = "The lesson's run (all defaults)", value = "{}"),
					@ExampleObject(name = "worst-pair", summary = "The same start, aimed at the worst pair",
							value = "{\"loss\": \"smooth-max-cosine\"}"),
					@ExampleObject(name = "small", summary = "A quick one", value = """
							{"vectors": 2000, "dimensions": 30, "steps": 100, "seed": 7}""") })))
	@ApiResponse(responseCode = "202", description = "Queued; Location names the job",
			headers = @Header(name = "Location", description = "The job's URL"))
	@ApiResponse(responseCode = "400", description = "A value out of its range, an unknown loss",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for a different request",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413", description = "Over a cap on N, D, N·D, steps or bins",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "The queue is full; retry after Retry-After seconds",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<JobView> submit(@RequestBody(required = false) AngleJobRequest request,
			@Parameter(description = "Makes a retried POST return the same job") @RequestHeader(
					name = Jobs.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey) {
		AngleJobRequest body = request == null
				? new AngleJobRequest(null, null, null, null, null, null, null, null, null, null, null, null, null)
				: request;
		return jobs.submit(AngleDistributionJob.KIND, body.toSpec(), idempotencyKey).toResponse();
	}

	@GetMapping("/api/v1/angles/bounds")
	@Operation(summary = "What geometry allows",
			description = "For N unit vectors in D dimensions: the Welch bound (and Levenstein's, where it applies) on the "
					+ "best possible worst-case angle, and how many vectors fit with every pair within 90° ± tolerance "
					+ "(a Johnson–Lindenstrauss-style count for random placement, and the bounds' upper limit), each "
					+ "with its formula.")
	@ApiResponse(responseCode = "200", description = "The bounds")
	@ApiResponse(responseCode = "400", description = "vectors < 2, dimensions < 1, or a tolerance outside (0, 90)",
			content = @Content(mediaType = "application/problem+json"))
	BoundsResponse bounds(@Parameter(description = "D, at least 1", example = "100") @RequestParam int dimensions,
			@Parameter(description = "N, at least 2",
					example = "10000") @RequestParam(defaultValue = "10000") long vectors,
			@Parameter(description = "Tolerance around 90°, in (0, 90)",
					example = "1") @RequestParam(defaultValue = "1") double toleranceDegrees) {
		AngleBounds bounds = AngleBounds.of(vectors, dimensions, toleranceDegrees);
		return new BoundsResponse(bounds, bounds.bestWorstCaseDegrees());
	}

	/** The bounds, with the two derived figures a client wants first. */
	record BoundsResponse(@Schema(description = "The bounds and their formulas") AngleBounds bounds,
			@Schema(description = "No arrangement keeps every pair within 90° ± (90° − this)",
					example = "84.29") double bestWorstCaseDegrees) {
	}

}
