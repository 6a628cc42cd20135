package dev.factlab.mlp;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.factlab.tensor.FloatMatrix;

/**
 * Named directions of the embedding space ("first:Michael", "sport:basketball"), used to
 * build token vectors and to read vectors back as features.
 *
 * @param names one per row of {@code vectors}, unique
 * @param vectors [directions, dModel]: row i is direction {@code names[i]}, or null when
 * there are none
 */
public record NamedDirections(List<String> names, FloatMatrix vectors) {

	public static final NamedDirections NONE = new NamedDirections(List.of(), null);

	public NamedDirections {
		names = List.copyOf(names);
		if (names.isEmpty() != (vectors == null)) {
			throw new IllegalArgumentException("names and vectors must be given together");
		}
		if (vectors != null && vectors.rows() != names.size()) {
			throw new IllegalArgumentException(
					"expected one vector per name (%d) but got %d".formatted(names.size(), vectors.rows()));
		}
		if (new java.util.HashSet<>(names).size() != names.size()) {
			throw new IllegalArgumentException("direction names must be unique: " + names);
		}
	}

	public boolean isEmpty() {
		return names.isEmpty();
	}

	/**
	 * @return the row of {@code name}, or -1
	 */
	public int indexOf(String name) {
		return names.indexOf(name);
	}

	/** A value along one named direction. */
	public record Feature(@Schema(description = "A named direction", example = "sport:basketball") String name,
			@Schema(description = "The vector dot product with it", example = "1.0") float value) {
	}

	/**
	 * @param dots [directions] dot products with each direction, in {@link #names()}
	 * order. Not modified.
	 * @return the features, largest value first
	 */
	public List<Feature> decode(float[] dots) {
		List<Feature> features = new ArrayList<>(names.size());
		for (int i = 0; i < names.size(); i++) {
			features.add(new Feature(names.get(i), dots[i]));
		}
		features.sort(Comparator.comparingDouble(Feature::value).reversed());
		return features;
	}

	/**
	 * Up to {@code count} known names closest to {@code unknown} by edit distance,
	 * closest first.
	 */
	public List<String> closestTo(String unknown, int count) {
		Map<String, Integer> distance = new HashMap<>();
		for (String name : names) {
			distance.put(name, EditDistance.between(unknown.toLowerCase(), name.toLowerCase()));
		}
		return names.stream().sorted(Comparator.comparing(distance::get)).limit(count).toList();
	}

}
