package dev.factlab.angles;

import dev.factlab.errors.LimitExceededException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How large an angle experiment this service accepts, and how a run is spread over the
 * cores ({@code factlab.angles.*}); a spec over a cap gets a 413 problem. Memory is O(N·D
 * + workers · tile²), so the caps bound time rather than memory: one lesson-loss step
 * costs about 3·N²·D floating-point operations (≈ 0.2 s at 10,000 × 100 and ≈ 23 s at
 * 100,000 × 100 on 2 cores).
 *
 * @param maxVectors largest N of an angle job
 * @param maxDimensions largest D of an angle job
 * @param maxElements largest N·D of an angle job (the size of V and of the stored result)
 * @param maxSteps most Adam steps of an angle job
 * @param maxBins most bins of either histogram
 * @param workers parallel lanes of a step (BLAS runs single-threaded inside them)
 * @param tileSize rows per Gram tile of a step; 1,024 took the least CPU per step of 512,
 * 768, 1,024 and 1,280 on 2 cores (bench/angles/RESULTS.md)
 * @param maxComparedJobs most jobs one comparison chart reads and draws (each result is
 * read whole)
 */
@ConfigurationProperties("factlab.angles")
public record AngleLimits(@DefaultValue("100000") int maxVectors, @DefaultValue("1024") int maxDimensions,
		@DefaultValue("10000000") long maxElements, @DefaultValue("10000") int maxSteps,
		@DefaultValue("10000") int maxBins, @DefaultValue("2") int workers, @DefaultValue("1024") int tileSize,
		@DefaultValue("4") int maxComparedJobs) {

	/** The defaults above, for code that runs without Spring (benchmarks, tests). */
	public static final AngleLimits DEFAULT = new Binder().bindOrCreate("factlab.angles", AngleLimits.class);

	public AngleLimits {
		if (maxVectors < 2 || maxDimensions < 1 || maxElements < 2 || maxSteps < 0 || maxBins < 1 || workers < 1
				|| tileSize < 1 || maxComparedJobs < 2) {
			throw new IllegalArgumentException("factlab.angles limits must be positive: " + this);
		}
	}

	/**
	 * @throws LimitExceededException naming the first limit {@code experiment} exceeds
	 */
	public void check(AngleExperiment experiment) {
		checkMeasurement(experiment.vectors(), experiment.dimensions(), experiment.histogram(), experiment.zoom());
		check("steps", maxSteps, experiment.steps(), "steps");
	}

	/**
	 * @throws LimitExceededException naming the first limit that measuring the angles of
	 * these vectors exceeds
	 */
	public void checkMeasurement(int vectors, int dimensions, HistogramRange histogram, HistogramRange zoom) {
		check("vectors", maxVectors, vectors, "vectors");
		check("dimensions", maxDimensions, dimensions, "dimensions");
		check("vectors × dimensions", maxElements, (long) vectors * dimensions, "numbers");
		check("histogram bins", maxBins, histogram.bins(), "bins");
		check("zoom histogram bins", maxBins, zoom.bins(), "bins");
	}

	private static void check(String what, long limit, long requested, String unit) {
		if (requested > limit) {
			throw new LimitExceededException(what, limit, requested, unit);
		}
	}

}
