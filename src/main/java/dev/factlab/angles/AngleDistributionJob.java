package dev.factlab.angles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobEndpoint;
import dev.factlab.jobs.JobHandler;

import org.springframework.stereotype.Component;

/**
 * The lesson's superposition experiment as a job: optimise, report every step, stop
 * within a tile when cancelled, keep the final vectors as an artifact. A job that runs
 * again after an instance died starts from scratch; the same seed gives the same result.
 */
@Component
public class AngleDistributionJob implements JobHandler<AngleJobSpec, AngleJobResult> {

	public static final String KIND = "angle-distribution";

	/** How POST /api/v1/jobs/angle-distribution is documented. */
	static final JobEndpoint ENDPOINT = JobEndpoint.of(KIND)
		.describedAs("Run the angle experiment",
				"Queues the lesson's experiment: N random unit vectors in D dimensions pushed towards perpendicular by "
						+ "full-batch Adam, with every pairwise angle measured before and after (histograms over "
						+ "0°–180° and 80°–100°, extremes, quantiles, near-parallel pairs). Answers 202 with Location; "
						+ "follow it with GET /api/v1/jobs/{id} or /events; the final vectors become the artifact "
						+ "vectors.f32. The lesson's run (10,000 × 100, 250 steps) takes about a minute here.")
		.taggedAs("Angles")
		.withExample("lesson", "The lesson's run (all defaults)", "{}")
		.withExample("worst-pair", "The same start, aimed at the worst pair", "{\"loss\": \"smooth-max-cosine\"}")
		.withExample("small", "A quick one", "{\"vectors\": 2000, \"dimensions\": 30, \"steps\": 100, \"seed\": 7}");

	private final AngleOptimiser optimiser;

	private final AngleLimits limits;

	AngleDistributionJob(AngleOptimiser optimiser, AngleLimits limits) {
		this.optimiser = optimiser;
		this.limits = limits;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<AngleJobSpec> specType() {
		return AngleJobSpec.class;
	}

	@Override
	public Class<AngleJobRequest> requestType() {
		return AngleJobRequest.class;
	}

	@Override
	public JobEndpoint endpoint() {
		return ENDPOINT;
	}

	@Override
	public void validate(AngleJobSpec spec) {
		limits.check(spec.toExperiment());
	}

	@Override
	public AngleJobResult run(AngleJobSpec spec, JobContext context) {
		AngleExperiment experiment = spec.toExperiment();
		context.progress(0, "start", Map.of(), "Drawing %,d random vectors of %d dimensions and measuring their %,d "
			.formatted(spec.vectors(), spec.dimensions(), experiment.pairs()) + "pairwise angles");
		AngleRunResult run;
		try {
			run = optimiser.run(experiment, new StepListener() {
				@Override
				public void afterStep(Progress progress) {
					Map<String, Object> metrics = new LinkedHashMap<>();
					metrics.put("step", progress.step());
					metrics.put("loss", progress.loss());
					metrics.put("elapsedSeconds", progress.elapsed().toMillis() / 1000.0);
					context.progress((double) progress.step() / progress.steps(), "optimise", metrics,
							"Adam step %d of %d".formatted(progress.step(), progress.steps()));
				}

				@Override
				public boolean cancelRequested() {
					return context.isCancelled();
				}
			});
		}
		catch (CancellationException ex) {
			context.checkCancelled();
			throw ex;
		}
		context.progress(1, "store", Map.of(), "Storing the result and the final vectors");
		context.saveArtifact(AngleJobResult.VECTORS, "application/octet-stream", littleEndian(run.vectors()));
		return AngleJobResult.of(spec, run);
	}

	static byte[] littleEndian(float[] values) {
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(values);
		return bytes.array();
	}

}
