package dev.factlab.facts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.mlp.NamedDirections;
import dev.factlab.tensor.FloatMatrix;

/**
 * Named unit directions in D dimensions.
 *
 * @param id readable slug, unique
 * @param kind orthonormal, random or from-job
 * @param names one per row of {@code vectors}, unique
 * @param vectors [names, D], unit rows
 * @param seed the seed of a random space, else null
 * @param sourceJob the angle-distribution job of a from-job space, else null
 * @param createdAt when it was stored
 */
public record FeatureSpace(String id, SpaceKind kind, List<String> names, FloatMatrix vectors, Long seed,
		UUID sourceJob, Instant createdAt, Map<String, Integer> index) {

	/** Rough heap bytes of one name and its index entry, charged with the vectors. */
	static final long BYTES_PER_NAME = 96;

	public FeatureSpace {
		names = List.copyOf(names);
		if (vectors.rows() != names.size()) {
			throw new IllegalArgumentException(
					"expected one vector per name (%d) but got %d".formatted(names.size(), vectors.rows()));
		}
	}

	static FeatureSpace of(String id, SpaceKind kind, List<String> names, FloatMatrix vectors, Long seed,
			UUID sourceJob, Instant createdAt) {
		Map<String, Integer> index = new HashMap<>(names.size() * 2);
		for (int i = 0; i < names.size(); i++) {
			index.put(names.get(i), i);
		}
		return new FeatureSpace(id, kind, names, vectors, seed, sourceJob, createdAt, Map.copyOf(index));
	}

	public int dimensions() {
		return vectors.cols();
	}

	public int size() {
		return names.size();
	}

	/** float32 directions plus the names. */
	public long bytes() {
		return bytes(names.size(), vectors.cols());
	}

	static long bytes(long names, long dimensions) {
		return names * dimensions * Float.BYTES + names * BYTES_PER_NAME;
	}

	/**
	 * @return the row of {@code name}
	 * @throws InvalidInputException naming the closest known names
	 */
	public int require(String name) {
		Integer row = index.get(name);
		if (row == null) {
			List<String> closest = size() <= 5000 ? directions().closestTo(name, 3) : List.of();
			throw new InvalidInputException("Unknown name",
					"feature space '%s' has no direction '%s'%s".formatted(id, name,
							closest.isEmpty() ? "" : "; closest: " + closest))
				.with("name", name)
				.with("closest", closest);
		}
		return row;
	}

	/** The same names and vectors (shared) for an mlp model. */
	public NamedDirections directions() {
		return new NamedDirections(names, vectors);
	}

	@Override
	public String toString() {
		return "FeatureSpace[%s, %s, %d × %d]".formatted(id, kind, size(), dimensions());
	}

}
