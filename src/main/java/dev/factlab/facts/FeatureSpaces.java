package dev.factlab.facts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.factlab.angles.AngleBounds;
import dev.factlab.angles.AngleDistributionJob;
import dev.factlab.angles.AngleJobResult;
import dev.factlab.angles.AngleOptimiser;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.HistogramRange;
import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.jobs.Jobs;
import dev.factlab.tensor.FloatMatrix;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The feature spaces, in memory, each charged to the model memory budget while it is
 * held.
 */
@Service
public class FeatureSpaces {

	static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	static final int MAX_NAME_LENGTH = 100;

	private final Map<String, Held> spaces = new LinkedHashMap<>();

	private final Set<String> pending = new HashSet<>();

	private final Map<String, Interference> interference = new ConcurrentHashMap<>();

	private final FactLimits limits;

	private final FactMemory memory;

	/** Lazily: the jobs module's handlers include the capacity job, which needs this. */
	private final ObjectProvider<Jobs> jobs;

	private final AngleOptimiser angles;

	private final Clock clock;

	private Predicate<String> inUse = id -> false;

	private record Held(FeatureSpace space, FactMemory.Reservation reservation) {
	}

	FeatureSpaces(FactLimits limits, FactMemory memory, ObjectProvider<Jobs> jobs, AngleOptimiser angles,
			ObjectProvider<Clock> clock) {
		this.limits = limits;
		this.memory = memory;
		this.jobs = jobs;
		this.angles = angles;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * The id of the built-in space: the lesson's names on the michael-jordan model's
	 * axes.
	 */
	public static final String LESSON = "lesson";

	/** Registers the built-in lesson space (charged to nothing, never deleted). */
	synchronized void addBuiltIn(FeatureSpace space) {
		spaces.put(space.id(), new Held(space, null));
	}

	/** Who may refuse a delete because a model uses the space. */
	void guardDeletes(Predicate<String> inUse) {
		this.inUse = inUse;
	}

	public synchronized List<FeatureSpace> list() {
		return spaces.values().stream().map(Held::space).toList();
	}

	/**
	 * @throws NotFoundException naming the known ids
	 */
	public synchronized FeatureSpace get(String id) {
		Held held = spaces.get(id);
		if (held == null) {
			throw new NotFoundException("Unknown feature space",
					"no feature space with id '%s'; known: %s".formatted(id, spaces.keySet()))
				.with("known", List.copyOf(spaces.keySet()));
		}
		return held.space();
	}

	/**
	 * Builds and stores a space.
	 * @throws InvalidInputException for bad names, sizes or a from-job space whose D
	 * doesn't match; {@link ConflictException} for a taken id;
	 * {@link dev.factlab.errors.LimitExceededException} over a limit or the budget
	 */
	public FeatureSpace create(SpaceSpec spec) {
		if (spec.id() != null && (spec.id().length() > 64 || !SLUG.matcher(spec.id()).matches())) {
			throw new InvalidInputException("Invalid id",
					"id must be a slug of lowercase letters, digits and single hyphens, at most 64 characters, but was '%s'"
						.formatted(spec.id()));
		}
		List<String> names = names(spec);
		UUID job = spec.sourceJob();
		AngleJobResult source = spec.kind() == SpaceKind.FROM_JOB ? sourceJob(job) : null;
		int d = dimensions(spec, source);
		if (spec.kind() == SpaceKind.ORTHONORMAL && names.size() > d) {
			throw new InvalidInputException("Too many names",
					"an orthonormal space holds at most D=%d names but got %,d; use a random or from-job space"
						.formatted(d, names.size()));
		}
		if (source != null && names.size() > source.spec().vectors()) {
			throw new InvalidInputException("Too many names", "job %s has %,d vectors but %,d names were given"
				.formatted(job, source.spec().vectors(), names.size()));
		}
		String id;
		FactMemory.Reservation reservation;
		synchronized (this) {
			FactLimits.check("feature spaces", limits.maxSpaces(), spaces.size() + pending.size() + 1, "spaces");
			id = spec.id() != null ? spec.id() : freeId(spec.kind().wireName() + "-" + d);
			if (spaces.containsKey(id) || pending.contains(id)) {
				throw new ConflictException("Feature space exists",
						"a feature space with id '%s' already exists; delete it first or choose another id"
							.formatted(id));
			}
			reservation = memory.reserve("feature space '%s'".formatted(id), FeatureSpace.bytes(names.size(), d));
			pending.add(id);
		}
		try {
			FloatMatrix vectors = switch (spec.kind()) {
				case ORTHONORMAL -> SpaceDirections.orthonormal(names.size(), d);
				case RANDOM -> SpaceDirections.random(names.size(), d, spec.seed());
				case FROM_JOB -> SpaceDirections.fromVectors(sourceVectors(job), d, names.size());
			};
			FeatureSpace space = FeatureSpace.of(id, spec.kind(), names, vectors,
					spec.kind() == SpaceKind.RANDOM ? spec.seed() : null, job, clock.instant());
			synchronized (this) {
				pending.remove(id);
				spaces.put(id, new Held(space, reservation));
			}
			return space;
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				pending.remove(id);
			}
			reservation.close();
			throw ex;
		}
	}

	/**
	 * @throws NotFoundException unknown; {@link ConflictException} when a fact model uses
	 * it
	 */
	public void delete(String id) {
		if (get(id).id().equals(LESSON)) {
			throw new ConflictException("Built-in feature space",
					"feature space '%s' is built in and can't be deleted".formatted(id));
		}
		if (inUse.test(id)) {
			throw new ConflictException("Feature space in use",
					"feature space '%s' is used by a fact model; delete the model first".formatted(id));
		}
		Held held;
		synchronized (this) {
			held = spaces.remove(id);
		}
		interference.remove(id);
		if (held != null && held.reservation() != null) {
			held.reservation().close();
		}
	}

	/**
	 * The overlap of the first {@code factlab.facts.max-interference-directions}
	 * directions, measured once and kept.
	 * @return null for a space of one direction
	 */
	public Interference interference(String id) {
		FeatureSpace space = get(id);
		if (space.size() < 2) {
			return null;
		}
		return interference.computeIfAbsent(id, key -> measure(space, limits.maxInterferenceDirections()));
	}

	/** The angles module's statistics of the first {@code max} directions. */
	static Interference measure(FeatureSpace space, int max, AngleOptimiser angles) {
		int n = Math.min(space.size(), max);
		int d = space.dimensions();
		float[] values = new float[n * d];
		float[] row = new float[d];
		for (int r = 0; r < n; r++) {
			space.vectors().readRow(r, row);
			System.arraycopy(row, 0, values, r * d, d);
		}
		AngleStatistics statistics = angles.measure(values, n, d, HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
		return Interference.of(statistics, AngleBounds.of(space.size(), d, AngleBounds.DEFAULT_TOLERANCE_DEGREES), n);
	}

	private Interference measure(FeatureSpace space, int max) {
		return measure(space, max, angles);
	}

	private List<String> names(SpaceSpec spec) {
		long count = spec.names().size();
		for (NamePattern pattern : spec.patterns()) {
			pattern.check();
			count += pattern.count();
		}
		if (count == 0) {
			throw new InvalidInputException("No names",
					"give names, patterns like {\"pattern\": \"first:{i}\", " + "\"count\": 100}, or both");
		}
		FactLimits.check("directions of a feature space", limits.maxDirections(), count, "directions");
		List<String> names = new ArrayList<>(spec.names());
		NamePattern.expandInto(spec.patterns(), names);
		Set<String> seen = new HashSet<>();
		for (String name : names) {
			if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
				throw new InvalidInputException("Invalid name",
						"names must be 1 to %d characters but got '%s'".formatted(MAX_NAME_LENGTH, name));
			}
			if (!seen.add(name)) {
				throw new InvalidInputException("Duplicate name", "name '%s' appears twice".formatted(name))
					.with("name", name);
			}
		}
		return names;
	}

	private int dimensions(SpaceSpec spec, AngleJobResult source) {
		if (source != null) {
			int jobD = source.spec().dimensions();
			if (spec.dimensions() != null && spec.dimensions() != jobD) {
				throw new InvalidInputException("Dimension mismatch",
						"job %s has vectors of D=%d but dimensions=%d was asked".formatted(spec.sourceJob(), jobD,
								spec.dimensions()))
					.with("expected", jobD)
					.with("actual", spec.dimensions());
			}
			return jobD;
		}
		if (spec.dimensions() == null || spec.dimensions() < 1) {
			throw new InvalidInputException("Invalid dimensions",
					"dimensions must be at least 1 but was %s".formatted(spec.dimensions()));
		}
		FactLimits.check("dimensions of a feature space", limits.maxDimensions(), spec.dimensions(), "dimensions");
		return spec.dimensions();
	}

	/**
	 * The result of a SUCCEEDED angle-distribution job.
	 * @throws InvalidInputException without a job id; NotFound / Conflict from jobs
	 */
	AngleJobResult sourceJob(UUID job) {
		if (job == null) {
			throw new InvalidInputException("Missing job",
					"a from-job space needs job: the id of a SUCCEEDED angle-distribution job");
		}
		String kind = jobs.getObject().find(job).kind();
		if (!AngleDistributionJob.KIND.equals(kind)) {
			throw new InvalidInputException("Not an angle job",
					"job %s is a '%s' job, not '%s'".formatted(job, kind, AngleDistributionJob.KIND));
		}
		return jobs.getObject().result(job, AngleJobResult.class);
	}

	/** The vectors of a finished angle job, read through {@link Jobs}. */
	byte[] sourceVectors(UUID job) {
		return jobs.getObject().artifact(job, AngleJobResult.VECTORS).bytes();
	}

	private String freeId(String base) {
		String id = base;
		for (int n = 2; spaces.containsKey(id) || pending.contains(id); n++) {
			id = base + "-" + n;
		}
		return id;
	}

}
