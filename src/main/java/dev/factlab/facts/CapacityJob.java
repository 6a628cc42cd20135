package dev.factlab.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.factlab.angles.AngleJobResult;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobEndpoint;
import dev.factlab.jobs.JobHandler;
import dev.factlab.tensor.FloatMatrix;

import org.springframework.stereotype.Component;

/**
 * The lesson's superposition claim measured on facts: for each D and F, compile F
 * synthetic facts one neuron per fact and query all of them. Cancellation is checked
 * after every batch; a restarted run starts over and, seeded, gives the same result.
 */
@Component
public class CapacityJob implements JobHandler<CapacitySpec, CapacityResult> {

	public static final String KIND = "fact-capacity";

	static final JobEndpoint ENDPOINT = JobEndpoint.of(KIND)
		.describedAs("Measure how many facts fit in D dimensions",
				"For each D and fact count F: a space of N names (random, orthonormal or an angle job's optimised "
						+ "directions), F synthetic facts compiled one neuron per fact, every fact queried: recall@1, the "
						+ "exact-attribute rate, false fires of partial subjects, the noise distribution. Plot it with "
						+ "GET /api/v1/jobs/{id}/capacity.svg (compare several jobs on one chart).")
		.taggedAs("Facts")
		.withExample("small", "Random directions, D 32 and 64",
				"{\"dimensions\": [32, 64], \"factCounts\": [64, 256, 1024]}")
		.withExample("shared", "Every fact shares one of 4 first names",
				"{\"dimensions\": [64], \"factCounts\": [64, 256, 1024], \"firstNames\": 4}");

	private final FactLimits limits;

	private final FeatureSpaces spaces;

	private final FactMemory memory;

	CapacityJob(FactLimits limits, FeatureSpaces spaces, FactMemory memory) {
		this.limits = limits;
		this.spaces = spaces;
		this.memory = memory;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<CapacitySpec> specType() {
		return CapacitySpec.class;
	}

	@Override
	public Class<CapacityRequest> requestType() {
		return CapacityRequest.class;
	}

	@Override
	public JobEndpoint endpoint() {
		return ENDPOINT;
	}

	@Override
	public void validate(CapacitySpec spec) {
		if (spec.dimensions().isEmpty() || spec.factCounts().isEmpty()) {
			throw new InvalidInputException("Empty sweep", "dimensions and factCounts need at least one value each");
		}
		FactLimits.check("cells of a capacity sweep (dimensions × factCounts)", limits.maxCapacityCells(),
				(long) spec.dimensions().size() * spec.factCounts().size(), "cells");
		if (spec.subjectArity() < 1) {
			throw new InvalidInputException("Invalid arity", "subjectArity must be at least 1");
		}
		FactLimits.check("names in one subject", limits.maxSubjectNames(), spec.subjectArity(), "names");
		SpaceKind kind = SpaceKind.fromWireName(spec.space());
		AngleJobResult source = kind == SpaceKind.FROM_JOB ? spaces.sourceJob(spec.job()) : null;
		for (int d : spec.dimensions()) {
			if (d < 1) {
				throw new InvalidInputException("Invalid dimensions", "every D must be at least 1 but got " + d);
			}
			FactLimits.check("dimensions", limits.maxDimensions(), d, "dimensions");
			if (source != null && d != source.spec().dimensions()) {
				throw new InvalidInputException("Dimension mismatch",
						"job %s has vectors of D=%d but the sweep asks for D=%d".formatted(spec.job(),
								source.spec().dimensions(), d))
					.with("expected", source.spec().dimensions())
					.with("actual", d);
			}
		}
		for (int f : spec.factCounts()) {
			if (f < 1) {
				throw new InvalidInputException("Invalid fact count",
						"every fact count must be at least 1 but got " + f);
			}
			FactLimits.check("facts of a capacity cell", limits.maxCapacityFacts(), f, "facts");
			if (spec.subjectArity() == 1 && spec.firstNamesOf(f) < f) {
				throw new InvalidInputException("Duplicate fact",
						"with one-name subjects, %d first names can't give %d distinct facts"
							.formatted(spec.firstNamesOf(f), f));
			}
			long names = spec.namesOf(f);
			FactLimits.check("names of a capacity cell", limits.maxDirections(), names, "names");
			for (int d : spec.dimensions()) {
				if (kind == SpaceKind.ORTHONORMAL && names > d) {
					throw new InvalidInputException("Too many names",
							"an orthonormal space of D=%d holds at most %d ".formatted(d, d)
									+ "names but F=%d needs %d".formatted(f, names));
				}
			}
			if (source != null && names > source.spec().vectors()) {
				throw new InvalidInputException("Too many names", "job %s has %,d vectors but F=%d needs %,d names"
					.formatted(spec.job(), source.spec().vectors(), f, names));
			}
		}
	}

	@Override
	public CapacityResult run(CapacitySpec spec, JobContext context) {
		SpaceKind kind = SpaceKind.fromWireName(spec.space());
		byte[] jobVectors = kind == SpaceKind.FROM_JOB ? spaces.sourceVectors(spec.job()) : null;
		long total = 0;
		for (int f : spec.factCounts()) {
			total += (long) f * spec.dimensions().size();
		}
		List<CapacityPoint> points = new ArrayList<>();
		long done = 0;
		int cell = 0;
		for (int d : spec.dimensions()) {
			for (int f : spec.factCounts()) {
				context.checkCancelled();
				int n = Math.toIntExact(spec.namesOf(f));
				long base = done;
				long all = total;
				String label = "D=%d, F=%,d (%,d names)".formatted(d, f, n);
				try (FactMemory.Reservation held = memory.reserve("capacity cell " + label,
						CapacityCell.bytes(d, f, n))) {
					FloatMatrix vectors = switch (kind) {
						case ORTHONORMAL -> SpaceDirections.orthonormal(n, d);
						case RANDOM -> SpaceDirections.random(n, d, spec.seed() + cell);
						case FROM_JOB -> SpaceDirections.fromVectors(jobVectors, d, n);
					};
					points.add(CapacityCell.measure(spec, f, vectors, facts -> {
						context.checkCancelled();
						context.progress((double) (base + facts) / all, "query", Map.of("dimensions", d, "facts", f),
								"Cell " + label + ": %,d of %,d facts queried".formatted(facts, f));
					}));
				}
				done += f;
				cell++;
			}
		}
		return new CapacityResult(spec, points, note(spec, points));
	}

	static String note(CapacitySpec spec, List<CapacityPoint> points) {
		StringBuilder note = new StringBuilder();
		for (int d : spec.dimensions()) {
			double held = 0;
			CapacityPoint worst = null;
			for (CapacityPoint p : points) {
				if (p.dimensions() != d) {
					continue;
				}
				if (p.recallAt1() >= 0.99) {
					held = Math.max(held, p.factsPerDimension());
				}
				worst = worst == null || p.recallAt1() < worst.recallAt1() ? p : worst;
			}
			note.append(String.format(Locale.ROOT,
					"D=%d: recall@1 >= 99%% up to %.4g facts per dimension; lowest recall@1 %.3f at F=%d (exact %.3f, "
							+ "median noise %.3f). ",
					d, held, worst.recallAt1(), worst.facts(), worst.exactRate(), worst.noiseMedian()));
		}
		return note.toString().trim();
	}

}
