package dev.factlab.jobs.demo;

import java.util.Map;

import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobHandler;
import dev.factlab.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Job kind "sleep", for trying the job system by hand
 * (factlab.jobs.demo-handler.enabled=true): waits, reporting progress every 100 ms and
 * honouring cancellation, and optionally fails on purpose.
 */
@Component
@ConditionalOnProperty(name = "factlab.jobs.demo-handler.enabled", havingValue = "true")
class SleepJob implements JobHandler<SleepJob.Spec, SleepJob.Result> {

	static final String KIND = "sleep";

	static final int MAX_SECONDS = 3600;

	/**
	 * @param seconds how long to sleep
	 * @param failAtSecond fail on purpose after this many seconds, or null
	 */
	@Schema(name = "SleepSpec", description = "How long the demo job sleeps")
	record Spec(@Schema(example = "60") int seconds, @Schema(example = "30", nullable = true) Integer failAtSecond) {
	}

	@Schema(name = "SleepResult")
	record Result(int seconds, int attempt) {
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
		if (spec.seconds() < 1) {
			throw ApiException.badRequest("Invalid sleep", "seconds must be >= 1 but was " + spec.seconds());
		}
		if (spec.seconds() > MAX_SECONDS) {
			throw ApiException.tooLarge("seconds of a sleep job", MAX_SECONDS, spec.seconds(), "seconds");
		}
	}

	@Override
	public Result run(Spec spec, JobContext context) throws InterruptedException {
		int ticks = spec.seconds() * 10;
		for (int tick = 0; tick < ticks; tick++) {
			context.checkCancelled();
			if (spec.failAtSecond() != null && tick == spec.failAtSecond() * 10) {
				throw new IllegalStateException(
						"failed on purpose at second %d, as the spec asked".formatted(spec.failAtSecond()));
			}
			context.progress((double) tick / ticks, "sleep", Map.of("second", tick / 10),
					"slept %.1f of %d s".formatted(tick / 10.0, spec.seconds()));
			Thread.sleep(100);
		}
		return new Result(spec.seconds(), context.attempt());
	}

}
