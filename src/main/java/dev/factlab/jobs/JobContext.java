package dev.factlab.jobs;

import java.util.Map;
import java.util.UUID;

/**
 * What a running {@link JobHandler} may do besides computing: report progress, notice
 * cancellation, save files.
 */
public interface JobContext {

	UUID jobId();

	/** 1 on the first run, more when the job runs again after an instance died. */
	int attempt();

	/**
	 * Reports progress. Cheap to call often: the latest report is stored at most every
	 * ~250 ms (and at once when the step changes) and shown by {@code GET
	 * /api/v1/jobs/{id}} and the event stream.
	 * @param fraction done so far, 0 to 1
	 * @param step a short name of the current phase, e.g. {@code optimise}
	 * @param metrics latest numbers worth showing (JSON-serialisable values), e.g.
	 * {@code {"loss": 12.5}}; not kept
	 * @param message a sentence for people, or null
	 * @throws IllegalArgumentException if fraction is outside [0, 1] or NaN
	 */
	void progress(double fraction, String step, Map<String, Object> metrics, String message);

	/**
	 * True once the job should stop: a client cancelled it, it passed
	 * {@code factlab.jobs.max-run-time}, this instance is shutting down, or another
	 * instance took it over. Reads a flag; the database is asked at most every 200 ms.
	 */
	boolean isCancelled();

	/**
	 * @throws JobCancelledException if {@link #isCancelled()}
	 */
	default void checkCancelled() {
		if (isCancelled()) {
			throw new JobCancelledException(jobId());
		}
	}

	/**
	 * Stores a file of this job, served at {@code GET
	 * /api/v1/jobs/{id}/artifacts/{name}}; saving a name again replaces it. Artifacts of
	 * an earlier, interrupted attempt are deleted when the job runs again.
	 * @param name 1-100 characters of {@code A-Z a-z 0-9 . _ -}, e.g. {@code vectors.f32}
	 * @param contentType e.g. {@code application/octet-stream}
	 * @param content at most {@code factlab.jobs.max-artifact-bytes}. Not modified.
	 * @throws IllegalArgumentException for a bad name or type, or content over the limit
	 */
	void saveArtifact(String name, String contentType, byte[] content);

}
