package dev.factlab.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the job system ({@code factlab.jobs.*}).
 *
 * @param maxQueued queued plus running jobs across all instances; a submit beyond gets
 * 429 with Retry-After
 * @param maxRunning jobs running at once on one instance (db-scheduler's thread count is
 * set from it)
 * @param maxAttempts starts of one job; a job started this often without finishing (its
 * instances kept dying) fails; a start ended by a graceful shutdown doesn't count
 * @param maxRunTime a running job is stopped and FAILED (code timed-out) after this long
 * @param maxResultBytes JSON size of one result; a larger one fails the job (code
 * result-too-large)
 * @param maxArtifactBytes size of one artifact
 * @param maxEventStreams open Server-Sent Event streams per instance; one more gets 429
 * @param eventStreamTimeout an event stream closes after this long even if the job still
 * runs
 * @param retention finished jobs and their artifacts are deleted this long after they
 * finished
 * @param queueFullRetryAfter the Retry-After of a 429 for a full queue
 */
@ConfigurationProperties("factlab.jobs")
public record JobLimits(@DefaultValue("16") int maxQueued, @DefaultValue("1") int maxRunning,
		@DefaultValue("3") int maxAttempts, @DefaultValue("1h") Duration maxRunTime,
		@DefaultValue("16MB") DataSize maxResultBytes, @DefaultValue("64MB") DataSize maxArtifactBytes,
		@DefaultValue("64") int maxEventStreams, @DefaultValue("30m") Duration eventStreamTimeout,
		@DefaultValue("30d") Duration retention, @DefaultValue("30s") Duration queueFullRetryAfter) {

	public JobLimits {
		if (maxQueued <= 0 || maxRunning <= 0 || maxAttempts <= 0 || maxEventStreams <= 0 || !positive(maxRunTime)
				|| !positive(eventStreamTimeout) || !positive(retention) || !positive(queueFullRetryAfter)
				|| maxResultBytes.toBytes() <= 0 || maxArtifactBytes.toBytes() <= 0) {
			throw new IllegalArgumentException("factlab.jobs limits must be positive: " + this);
		}
		if (maxArtifactBytes.toBytes() > Integer.MAX_VALUE - 8 || maxResultBytes.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"factlab.jobs.max-artifact-bytes and max-result-bytes must be below 2 GB "
							+ "(one Java array) but were " + maxArtifactBytes + " and " + maxResultBytes);
		}
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

}
