package dev.factlab.jobs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a job is in its life. The one table of allowed moves is {@link #ALLOWED};
 * terminal states are final. RUNNING → QUEUED is recovery: the instance running the job
 * died (or shut down) and the job waits to run again.
 */
@Schema(description = "QUEUED (waiting for a free runner), RUNNING, then one of the final states SUCCEEDED, FAILED, "
		+ "CANCELLED. RUNNING goes back to QUEUED when the instance running it dies or shuts down.",
		example = "RUNNING")
public enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(JobStatus.class);

	static {
		ALLOWED.put(QUEUED, EnumSet.of(RUNNING, CANCELLED));
		ALLOWED.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED));
		ALLOWED.put(SUCCEEDED, EnumSet.noneOf(JobStatus.class));
		ALLOWED.put(FAILED, EnumSet.noneOf(JobStatus.class));
		ALLOWED.put(CANCELLED, EnumSet.noneOf(JobStatus.class));
	}

	/** The states this one may move to. */
	public Set<JobStatus> next() {
		return Collections.unmodifiableSet(ALLOWED.get(this));
	}

	public boolean canMoveTo(JobStatus target) {
		return ALLOWED.get(this).contains(target);
	}

	public boolean isTerminal() {
		return ALLOWED.get(this).isEmpty();
	}

	/**
	 * @throws IllegalJobTransitionException unless the table allows this → target
	 */
	public JobStatus moveTo(JobStatus target) {
		if (!canMoveTo(target)) {
			throw new IllegalJobTransitionException(this, target);
		}
		return target;
	}

	/**
	 * A move that {@link JobStatus#ALLOWED} doesn't list: a bug in the caller, never a
	 * client mistake.
	 */
	public static class IllegalJobTransitionException extends IllegalStateException {

		IllegalJobTransitionException(JobStatus from, JobStatus to) {
			super("a job can't move from %s to %s; from %s it may move to %s".formatted(from, to, from, from.next()));
		}

	}

}
