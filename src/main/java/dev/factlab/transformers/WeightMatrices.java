package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.tensor.FloatMatrix;

/**
 * The weight matrices of a transformer whose rows are directions in the residual stream
 * (width d), by name: {@code token-embeddings} [vocabulary, d] (what each word piece
 * writes), {@code w-up-L} [neurons, d] (what each of layer L's MLP neurons reads, rows of
 * W_up) and {@code w-down-L} [neurons, d] (what each neuron writes, W_down transposed).
 */
final class WeightMatrices {

	static final String TOKEN_EMBEDDINGS = "token-embeddings";

	static final String W_UP = "w-up-";

	static final String W_DOWN = "w-down-";

	private WeightMatrices() {
	}

	/** Every name, in order: the embeddings, then W_up of each layer, then W_down. */
	static List<String> names(EncoderWeights weights) {
		List<String> names = new ArrayList<>();
		names.add(TOKEN_EMBEDDINGS);
		for (int l = 0; l < weights.layers().size(); l++) {
			names.add(W_UP + l);
		}
		for (int l = 0; l < weights.layers().size(); l++) {
			names.add(W_DOWN + l);
		}
		return names;
	}

	/**
	 * @throws InvalidInputException when {@code matrices} is empty, repeats a name or
	 * names an unknown matrix, listing the known ones
	 */
	static void check(EncoderWeights weights, List<String> matrices) {
		List<String> known = names(weights);
		if (matrices.isEmpty()) {
			throw new InvalidInputException("No matrices", "matrices must name at least one of " + known).with("known",
					known);
		}
		List<String> seen = new ArrayList<>();
		for (String name : matrices) {
			if (!known.contains(name)) {
				throw new InvalidInputException("Unknown matrix",
						"matrices must be among %s but included '%s'".formatted(known, name))
					.with("known", known);
			}
			if (seen.contains(name)) {
				throw new InvalidInputException("Duplicate matrix",
						"matrices must not repeat a name but named '%s' twice".formatted(name));
			}
			seen.add(name);
		}
	}

	/**
	 * The matrix named {@code name}, [rows, d]. A {@code w-down} matrix is a fresh
	 * transposed copy (small: neurons × d), the others are the model's own: close only
	 * what {@link Rows#owned()} says.
	 */
	static Rows rows(EncoderWeights weights, String name) {
		if (name.equals(TOKEN_EMBEDDINGS)) {
			return new Rows(weights.tokenEmbeddings(), false);
		}
		if (name.startsWith(W_UP)) {
			return new Rows(weights.layers().get(layer(name, W_UP)).mlp().wUp(), false);
		}
		return new Rows(weights.layers().get(layer(name, W_DOWN)).mlp().wDown().transpose(), true);
	}

	/** The rows of the matrix named {@code name}, without making it. */
	static int rowCount(EncoderWeights weights, String name) {
		return name.equals(TOKEN_EMBEDDINGS) ? weights.vocabulary() : weights.neurons();
	}

	/** What the rows of {@code name} are, for people. */
	static String describe(String name) {
		if (name.equals(TOKEN_EMBEDDINGS)) {
			return "token embeddings: the direction each word piece writes into the residual stream";
		}
		if (name.startsWith(W_UP)) {
			return "W_up of layer %d: the direction each MLP neuron reads".formatted(layer(name, W_UP));
		}
		return "W_down of layer %d, transposed: the direction each MLP neuron writes".formatted(layer(name, W_DOWN));
	}

	private static int layer(String name, String prefix) {
		return Integer.parseInt(name.substring(prefix.length()));
	}

	/**
	 * @param matrix [rows, d]
	 * @param owned true when the caller must close it
	 */
	record Rows(FloatMatrix matrix, boolean owned) {
	}

}
