package dev.factlab.jobs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A test-only job kind, "count" (POST /api/v1/jobs/count in the test contexts): counts to
 * {@code steps}, one step every {@code stepMillis}, reporting progress each step and
 * checking for cancellation every few milliseconds; fails on purpose at
 * {@code failAtStep}. Records how many steps each job really computed, so tests can see
 * that a cancelled job stopped computing. It is also the kind to try the job system with
 * by hand (the former demo "sleep" kind did the same).
 */
@Component
@ConditionalOnProperty(name = "factlab.test.job-kinds.enabled", havingValue = "true", matchIfMissing = true)
class CountJob implements JobHandler<CountJob.Spec, CountJob.Result> {

	static final String KIND = "count";

	static final int MAX_STEPS = 1_000_000;

	static final String ARTIFACT = "counts.bin";

	/** Steps computed per job, by every attempt together. */
	static final Map<UUID, AtomicInteger> computed = new ConcurrentHashMap<>();

	/**
	 * @param failAtStep throw at this step, or null
	 * @param artifactBytes save an artifact of this many bytes (byte i = i mod 251)
	 * before returning, or null
	 */
	record Spec(int steps, long stepMillis, Integer failAtStep, Integer artifactBytes) {

		static Spec quick(int steps) {
			return new Spec(steps, 10, null, null);
		}

		static Spec endless() {
			return new Spec(MAX_STEPS, 10, null, null);
		}

	}

	record Result(int counted, int attempt) {
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<Spec> specType() {
		return Spec.class;
	}

	@Override
	public void validate(Spec spec) {
		if (spec.steps() < 1) {
			throw new InvalidInputException("Invalid count", "steps must be >= 1 but was " + spec.steps());
		}
		if (spec.steps() > MAX_STEPS) {
			throw new LimitExceededException("steps", MAX_STEPS, spec.steps(), "steps");
		}
	}

	@Override
	public Result run(Spec spec, JobContext context) throws InterruptedException {
		AtomicInteger counter = computed.computeIfAbsent(context.jobId(), id -> new AtomicInteger());
		for (int step = 1; step <= spec.steps(); step++) {
			for (long slept = 0; slept < spec.stepMillis(); slept += 5) {
				context.checkCancelled();
				Thread.sleep(Math.min(5, spec.stepMillis() - slept));
			}
			context.checkCancelled();
			if (spec.failAtStep() != null && step == spec.failAtStep()) {
				throw new IllegalStateException("counting failed on purpose at step " + step);
			}
			counter.incrementAndGet();
			context.progress((double) step / spec.steps(), "count", Map.of("step", step), "counted " + step);
		}
		if (spec.artifactBytes() != null) {
			byte[] bytes = new byte[spec.artifactBytes()];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) (i % 251);
			}
			context.saveArtifact(ARTIFACT, "application/octet-stream", bytes);
		}
		return new Result(spec.steps(), context.attempt());
	}

}
