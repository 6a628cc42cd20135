package dev.factlab.jobs.web;

import java.net.URI;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.jobs.JobRequest;
import dev.factlab.jobs.JobSubmission;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.Clients;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/jobs/{kind}} for every registered kind: reads the body as the
 * kind's {@code requestType()} (an empty body as {@code {}}), turns a {@link JobRequest}
 * into its spec, and answers 202 with Location, or the job a repeated Idempotency-Key
 * made first. Documented per kind by {@link JobKindOperations}.
 */
@RestController
@Hidden
class JobSubmitController {

	/** Header that marks the answer to a repeated request. */
	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
			new MediaType("application", "*+json"));

	private final Jobs jobs;

	private final JsonMapper json;

	JobSubmitController(Jobs jobs, JsonMapper json) {
		this.jobs = jobs;
		this.json = json;
	}

	@PostMapping(Jobs.PATH + "/{kind}")
	ResponseEntity<JobView> submit(@PathVariable String kind, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestHeader(name = Jobs.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
			HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		if (!jobs.kinds().contains(kind)) {
			throw new NotFoundException("Unknown job kind",
					"there is no job kind '%s'; POST to /api/v1/jobs/{kind} with one of %s".formatted(kind,
							jobs.kinds()))
				.with("allowed", jobs.kinds());
		}
		Object posted = read(body, contentType, jobs.handler(kind).requestType(), request);
		Object spec = posted instanceof JobRequest<?> withDefaults ? withDefaults.toSpec() : posted;
		return accepted(jobs.submit(kind, spec, idempotencyKey, Clients.apiKeyClient().orElse(null)));
	}

	private Object read(byte[] body, String contentType, Class<?> type, HttpServletRequest request)
			throws HttpMediaTypeNotSupportedException {
		// a body the container consumed (a multipart or form body) is not "no body": its
		// Content-Type is checked like any other
		boolean empty = (body == null || body.length == 0) && request.getContentLengthLong() <= 0;
		if (!empty) {
			MediaType media = contentType == null ? MediaType.APPLICATION_OCTET_STREAM
					: MediaType.parseMediaType(contentType);
			if (JSON.stream().noneMatch(json -> json.includes(media))) {
				throw new HttpMediaTypeNotSupportedException(media, JSON, HttpMethod.POST);
			}
		}
		Object read;
		try {
			read = empty ? json.readValue("{}", type) : json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("JSON parse error: " + ex.getOriginalMessage(), ex,
					new ServletServerHttpRequest(request));
		}
		if (read == null) {
			throw new InvalidInputException("Missing request",
					"the request body is JSON null; send a JSON object (or no body for every default)");
		}
		return read;
	}

	/**
	 * 202 Accepted with Location of the job, the same for a repeated Idempotency-Key
	 * (which adds {@code Idempotent-Replayed: true}).
	 */
	static ResponseEntity<JobView> accepted(JobSubmission submission) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create(submission.job().links().self()));
		if (submission.replayed()) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(submission.job());
	}

}
