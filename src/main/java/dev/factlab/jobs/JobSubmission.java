package dev.factlab.jobs;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What {@link Jobs#submit} did.
 *
 * @param job the new job, or the existing one for a repeated Idempotency-Key
 * @param replayed true when the Idempotency-Key named an existing job and nothing new was
 * queued
 */
public record JobSubmission(JobView job, boolean replayed) {

	/** Header that marks the answer to a repeated request. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	/**
	 * The HTTP answer of a submit endpoint: 202 Accepted with Location of the job, the
	 * same for a repeated Idempotency-Key (which adds {@code Idempotent-Replayed: true}).
	 */
	public ResponseEntity<JobView> toResponse() {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create(job.links().self()));
		if (replayed) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(job);
	}

}
