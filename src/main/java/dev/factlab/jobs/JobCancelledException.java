package dev.factlab.jobs;

import java.util.UUID;

/**
 * Thrown by {@link JobContext#checkCancelled()} to unwind a handler that should stop; the
 * runner decides the state.
 */
public class JobCancelledException extends RuntimeException {

	public JobCancelledException(UUID jobId) {
		super("job " + jobId + " was asked to stop");
	}

}
