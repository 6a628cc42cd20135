package dev.factlab.jobs.web;

import java.util.List;
import java.util.UUID;

import dev.factlab.jobs.JobArtifact;
import dev.factlab.jobs.JobPage;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping(Jobs.PATH)
@Tag(name = "Jobs",
		description = "Long-running computations: submit (per kind, e.g. POST /api/v1/jobs/angle-distribution), "
				+ "then watch status and progress, fetch the result and artifacts, or cancel")
class JobController {

	private static final String ID_EXAMPLE = "4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44";

	private final Jobs jobs;

	private final JobEventStreams events;

	JobController(Jobs jobs, JobEventStreams events) {
		this.jobs = jobs;
		this.events = events;
	}

	@GetMapping
	@Operation(operationId = "listJobs", summary = "List jobs",
			description = "Newest first, optionally filtered by status and kind. Pages of at " + "most 100 jobs.")
	@ApiResponse(responseCode = "200", description = "One page of jobs")
	@ProblemResponse(status = 400,
			description = "Unknown status or kind (the problem lists the allowed values in "
					+ "`allowed`), or a negative page")
	@ProblemResponse(status = 413, description = "size over 100")
	JobPage list(
			@Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED",
					example = "RUNNING") @RequestParam(required = false) String status,
			@Parameter(description = "A registered job kind",
					example = "angle-distribution") @RequestParam(required = false) String kind,
			@Parameter(description = "Page number, from 0", example = "0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "Jobs per page, 1 to 100",
					example = "20") @RequestParam(defaultValue = "20") int size) {
		return jobs.list(status, kind, page, size);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getJob", summary = "Describe a job",
			description = "Status, progress (fraction, step, latest metrics, message), "
					+ "timestamps, attempts, and the error of a FAILED job.")
	@ApiResponse(responseCode = "200", description = "The job")
	@ProblemResponse(status = 400, description = "The id is not a UUID")
	@ProblemResponse(status = 404, description = "Unknown job")
	JobView get(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id) {
		return jobs.find(id);
	}

	@GetMapping(path = "/{id}/result", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getJobResult", summary = "Get a job's result",
			description = "The JSON result of a SUCCEEDED job, as its kind defines "
					+ "it. Stored in the same transaction as the SUCCEEDED status, so it is there whenever the job says so.")
	@ApiResponse(responseCode = "200", description = "The result",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", description = "Defined by the job's kind")))
	@ProblemResponse(status = 404, description = "Unknown job")
	@ProblemResponse(status = 409, description = "The job has not SUCCEEDED (the problem carries its `status`)")
	ResponseEntity<String> result(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jobs.resultJson(id));
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "followJobEvents", summary = "Follow a job (Server-Sent Events)",
			description = "A `progress` event (data: the job, as GET /api/v1/jobs/{id}) at once and whenever the job "
					+ "changes, then one `status` event with the final state, then the stream closes; for a job that "
					+ "already ended, just the `status` event. Works whichever instance runs the job (the stream polls "
					+ "the database every 300 ms). Comments keep idle streams alive every 15 s. A stream closes after "
					+ "factlab.jobs.event-stream-timeout; at most factlab.jobs.max-event-streams are open "
					+ "per instance.")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"),
					examples = @ExampleObject(
							value = """
									id:1
									event:progress
									data:{"id":"4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44","status":"RUNNING","progress":{"fraction":0.42,...},...}

									id:2
									event:status
									data:{"id":"4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44","status":"SUCCEEDED",...}
									""")))
	@ProblemResponse(status = 404, description = "Unknown job")
	@ProblemResponse(status = 429, description = "Too many open event streams; retry after the Retry-After seconds")
	SseEmitter events(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id) {
		return events.open(id);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "cancelJob", summary = "Cancel a job",
			description = "A QUEUED job is CANCELLED at once (200). A RUNNING job is asked to stop (202, "
					+ "cancelRequested true): its computation stops within about a second, on whichever instance runs "
					+ "it, and it ends CANCELLED. Jobs are kept after they end; this does not delete them.")
	@ApiResponse(responseCode = "200", description = "Cancelled")
	@ApiResponse(responseCode = "202", description = "Stopping; follow it with GET or /events")
	@ProblemResponse(status = 404, description = "Unknown job")
	@ProblemResponse(status = 409, description = "The job already ended (the problem carries its `status`)")
	ResponseEntity<JobView> cancel(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id) {
		JobView job = jobs.cancel(id);
		return ResponseEntity.status(job.status().isTerminal() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(job);
	}

	@GetMapping("/{id}/artifacts")
	@Operation(operationId = "listJobArtifacts", summary = "List a job's artifacts",
			description = "Files the job saved while it ran (e.g. final " + "vectors), by name, with type and size.")
	@ApiResponse(responseCode = "200", description = "The artifacts")
	@ProblemResponse(status = 404, description = "Unknown job")
	List<JobArtifact> artifacts(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id) {
		return jobs.artifacts(id);
	}

	@GetMapping("/{id}/artifacts/{name}")
	@Operation(operationId = "getJobArtifact", summary = "Download an artifact",
			description = "The bytes as the job saved them, with their content type and Content-Length (at most "
					+ "factlab.jobs.max-artifact-bytes), streamed from the database a chunk at a time. HEAD "
					+ "answers the headers only; `Range: bytes=start-end` answers 206 with that part.")
	@ApiResponse(responseCode = "200", description = "The artifact",
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested range of the artifact",
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ProblemResponse(status = 404,
			description = "Unknown job or artifact (the problem lists the job's artifacts " + "in `known`)")
	@ProblemResponse(status = 416,
			description = "A Range that is malformed or outside the artifact (Content-Range gives its size)")
	ResponseEntity<Resource> artifact(@Parameter(example = ID_EXAMPLE) @PathVariable UUID id,
			@Parameter(example = "vectors.f32") @PathVariable String name,
			@Parameter(description = "Only this part (RFC 9110): bytes=start-end, bytes=start- or bytes=-suffixLength",
					example = "bytes=0-1023") @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			HttpMethod method) {
		JobArtifact.Download download = jobs.download(id, name);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(download.artifact().contentType()))
			.contentLength(download.artifact().sizeBytes())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header("Content-Disposition", ContentDisposition.inline().filename(name).build().toString())
			// a job's file is data, never a page of this site: no sniffing, no scripts if
			// a browser opens it
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
		if (HttpMethod.HEAD.equals(method)) {
			return response.build(); // the headers only, without reading a chunk
		}
		ArtifactResource resource = new ArtifactResource(download);
		if (range != null) {
			requireSatisfiable(range, resource);
		}
		// Spring MVC answers a Range with 206 and the part
		// (ResourceRegionHttpMessageConverter)
		return response.body(resource);
	}

	/**
	 * Spring MVC would answer an unsatisfiable Range with 416 and the whole artifact as
	 * its body: refuse it here with a problem instead.
	 */
	private static void requireSatisfiable(String range, ArtifactResource resource) {
		try {
			HttpRange.toResourceRegions(HttpRange.parseRanges(range), resource);
		}
		catch (IllegalArgumentException ex) {
			long size = resource.contentLength();
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
					"Range '%s' does not fit an artifact of %,d bytes (expected bytes=start-end with start < %d, "
						.formatted(range.length() > 100 ? range.substring(0, 100) + "..." : range, size, size)
							+ "bytes=start- or bytes=-suffixLength): " + ex.getMessage());
			problem.setTitle("Range not satisfiable");
			ErrorResponseException refused = new ErrorResponseException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
					problem, ex);
			refused.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
			throw refused;
		}
	}

}
