package dev.factlab.jobs;

/**
 * What {@link Jobs#submit} did.
 *
 * @param job the new job, or the existing one for a repeated Idempotency-Key
 * @param replayed true when the Idempotency-Key named an existing job and nothing new was
 * queued
 */
public record JobSubmission(JobView job, boolean replayed) {

}
