package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.AngleOptimiser;
import dev.factlab.angles.HistogramRange;
import dev.factlab.angles.MeasureListener;
import dev.factlab.angles.RowAngles;
import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobEndpoint;
import dev.factlab.jobs.JobHandler;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.MemoryBudget;

import org.springframework.stereotype.Component;

/**
 * Superposition on real weights: the pairwise angles of a pretrained transformer's weight
 * rows (token embeddings, each layer's W_up and W_down) beside random Gaussian directions
 * of the same shape, with the angles module's tiled scan. The random directions come from
 * tensor's seeded generator, so a restarted run gives the same result. Progress is
 * reported and cancellation polled between Gram tiles (every few tens of milliseconds).
 */
@Component
public class WeightAnglesJob implements JobHandler<WeightAnglesSpec, WeightAnglesResult> {

	public static final String KIND = "weight-angles";

	/** 1° bins over every angle. */
	static final HistogramRange HISTOGRAM = HistogramRange.FULL;

	/** 0.1° bins over 80°–100°: real weights spread far wider than the lesson's zoom. */
	static final HistogramRange ZOOM = new HistogramRange(200, 80, 100);

	static final JobEndpoint ENDPOINT = JobEndpoint.of(KIND)
		.describedAs("Measure the angles between a real model's weight rows",
				"Is the lesson's picture (many directions, nearly perpendicular, in few dimensions) true of a real "
						+ "model? For each chosen matrix of all-MiniLM-L6-v2 (token-embeddings: 30,522 × 384; w-up-L: "
						+ "the 1,536 directions layer L's neurons read; w-down-L: the 1,536 they write) every pairwise "
						+ "angle of its rows (normalised; their lengths are reported too), the same for random Gaussian "
						+ "directions of the same shape (seeded), the Welch and Levenstein bounds for N and D, and the "
						+ "comparison: mean |cos|, RMS cos against Welch's least possible, the deviation from 90° that "
						+ "99.99% of the pairs stay within, near-parallel fractions. The result is a WeightAnglesResult "
						+ "(GET /api/v1/jobs/{id}/result); GET /api/v1/jobs/{id}/weight-angles.svg plots each matrix's "
						+ "histogram over the random one. Every matrix takes about 20 s here (the token embeddings' "
						+ "465 M pairs, twice with the random baseline, most of it).")
		.taggedAs("Transformers")
		.withExample("neurons", "What layer 0's neurons read and write", "{\"matrices\": [\"w-up-0\", \"w-down-0\"]}")
		.withExample("slice", "The first 2,000 token embeddings and every W_up",
				"{\"matrices\": [\"token-embeddings\", \"w-up-0\", \"w-up-1\", \"w-up-2\", \"w-up-3\", \"w-up-4\", "
						+ "\"w-up-5\"], \"rows\": 2000, \"seed\": 1}");

	private final Transformers transformers;

	private final AngleOptimiser angles;

	private final MemoryBudget budget;

	WeightAnglesJob(Transformers transformers, AngleOptimiser angles, MemoryBudget budget) {
		this.transformers = transformers;
		this.angles = angles;
		this.budget = budget;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<WeightAnglesSpec> specType() {
		return WeightAnglesSpec.class;
	}

	@Override
	public Class<WeightAnglesRequest> requestType() {
		return WeightAnglesRequest.class;
	}

	@Override
	public JobEndpoint endpoint() {
		return ENDPOINT;
	}

	/**
	 * @throws dev.factlab.errors.NotFoundException for an unknown model, naming the known
	 * ones; {@link dev.factlab.errors.InvalidInputException} for an empty, repeating or
	 * unknown matrix list
	 */
	@Override
	public void validate(WeightAnglesSpec spec) {
		EncoderWeights weights = transformers.load(spec.model()).weights();
		if (spec.matrices() != null) {
			WeightMatrices.check(weights, spec.matrices());
		}
	}

	@Override
	public WeightAnglesResult run(WeightAnglesSpec spec, JobContext context) {
		long start = System.nanoTime();
		EncoderWeights weights = transformers.load(spec.model()).weights();
		List<String> names = spec.matrices() == null ? WeightMatrices.names(weights) : spec.matrices();
		int d = weights.dModel();
		List<Integer> counts = new ArrayList<>();
		long total = 0;
		Set<Integer> shapes = new HashSet<>();
		for (String name : names) {
			int rows = WeightMatrices.rowCount(weights, name);
			int n = spec.rows() == null ? rows : Math.min(spec.rows(), rows);
			counts.add(n);
			// the random baseline is measured once per shape
			total += pairs(n) * (shapes.add(n) ? 2 : 1);
		}
		Progress progress = new Progress(context, total);
		Map<Integer, RowAngles> randoms = new HashMap<>();
		List<MatrixAngles> measured = new ArrayList<>();
		try {
			for (int i = 0; i < names.size(); i++) {
				context.checkCancelled();
				String name = names.get(i);
				int n = counts.get(i);
				long t0 = System.nanoTime();
				RowNorms norms;
				RowAngles real;
				WeightMatrices.Rows rows = WeightMatrices.rows(weights, name);
				FloatMatrix slice = (n == rows.matrix().rows()) ? rows.matrix()
						: rows.matrix().gatherRows(IntStream.range(0, n).toArray());
				try {
					norms = RowNorms.of(slice);
					real = angles.measureRows(slice, HISTOGRAM, ZOOM, progress.phase(name, n));
				}
				finally {
					if (slice != rows.matrix()) {
						slice.close();
					}
					if (rows.owned()) {
						rows.matrix().close();
					}
				}
				long t1 = System.nanoTime();
				RowAngles random = randoms.get(n);
				double randomSeconds = 0;
				if (random == null) {
					random = random(n, d, spec.seed(), progress.phase("random " + n + " × " + d, n));
					randoms.put(n, random);
					randomSeconds = (System.nanoTime() - t1) / 1e9;
				}
				AngleBounds bounds = AngleBounds.of(n, d, AngleBounds.DEFAULT_TOLERANCE_DEGREES);
				measured.add(new MatrixAngles(name, WeightMatrices.describe(name), n, d, norms, real, random, bounds,
						AngleComparison.of(name, real, random, bounds), (t1 - t0) / 1e9, randomSeconds));
			}
		}
		catch (CancellationException ex) {
			context.checkCancelled();
			throw ex;
		}
		context.progress(1, "store", Map.of(), "Storing the result");
		String note = measured.stream().map(m -> m.comparison().summary()).collect(Collectors.joining("\n"));
		return new WeightAnglesResult(spec, measured, angles.describe(), (System.nanoTime() - start) / 1e9, note);
	}

	/**
	 * N standard-normal vectors of D dimensions from tensor's seeded generator (the same
	 * on every machine), charged to the memory budget while they exist.
	 */
	private RowAngles random(int n, int d, long seed, MeasureListener listener) {
		try (MemoryBudget.Reservation held = budget.reserve(FloatMatrix.footprintBytes(n, d), MemoryBudget.JOBS)) {
			FloatMatrix random = FloatMatrix.randomNormal(n, d, 1.0, seed);
			try {
				return angles.measureRows(random, HISTOGRAM, ZOOM, listener);
			}
			finally {
				random.close();
			}
		}
	}

	static long pairs(int n) {
		return (long) n * (n - 1) / 2;
	}

	/** Progress over every measurement of the run, in pairs. */
	private static final class Progress {

		private final JobContext context;

		private final long total;

		private long before;

		Progress(JobContext context, long total) {
			this.context = context;
			this.total = total;
		}

		/** The listener of the next measurement, of {@code n} rows. */
		MeasureListener phase(String what, int n) {
			long base = before;
			before += pairs(n);
			return new MeasureListener() {
				@Override
				public void measured(long pairs, long totalPairs) {
					context.progress(Math.min(1, (double) (base + pairs) / total), "measure",
							Map.of("matrix", what, "pairs", pairs, "of", totalPairs),
							"%s: %,d of %,d pairs".formatted(what, pairs, totalPairs));
				}

				@Override
				public boolean cancelRequested() {
					return context.isCancelled();
				}
			};
		}

	}

}
