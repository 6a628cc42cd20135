package dev.factlab.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.factlab.errors.DomainException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.tensor.FloatMatrix;

/**
 * Turns request tokens into the matrix E [tokens, dModel] of one model, rejecting every
 * mistake with a problem that says which token, what was expected and what came.
 */
final class TokenEncoder {

	private static final int KNOWN_NAMES_LISTED = 64;

	private TokenEncoder() {
	}

	/**
	 * E and a readable label per token ("first:Michael + last:Jordan", or "#3" for a raw
	 * vector).
	 */
	record Encoded(FloatMatrix tokens, List<String> labels) {
	}

	static Encoded encode(List<TokenInput> tokens, MlpModel model, MlpLimits limits) {
		if (tokens == null || tokens.isEmpty()) {
			throw new InvalidInputException("Invalid request",
					"tokens must hold at least one token (an array of dModel=%d numbers or an object of direction names) but was empty"
						.formatted(model.weights().dModel()));
		}
		if (tokens.size() > limits.maxTokensPerRequest()) {
			throw new LimitExceededException("tokens per request", limits.maxTokensPerRequest(), tokens.size(),
					"tokens");
		}
		int dModel = model.weights().dModel();
		float[] data = new float[Math.multiplyExact(tokens.size(), dModel)];
		List<String> labels = new ArrayList<>(tokens.size());
		for (int t = 0; t < tokens.size(); t++) {
			TokenInput token = tokens.get(t);
			if (token == null) {
				throw new InvalidInputException("Invalid token",
						"token %d is null; expected an array of dModel=%d numbers or an object of direction names"
							.formatted(t, dModel));
			}
			else if (token instanceof TokenInput.Vector vector) {
				copyVector(vector.values(), t, model, data);
				labels.add("#" + t);
			}
			else if (token instanceof TokenInput.Named named) {
				labels.add(addNamed(named.coefficients(), t, model, data));
			}
		}
		return new Encoded(FloatMatrix.of(tokens.size(), dModel, data), labels);
	}

	private static void copyVector(float[] values, int t, MlpModel model, float[] data) {
		int dModel = model.weights().dModel();
		if (values.length != dModel) {
			throw new InvalidInputException("Wrong vector length",
					"token %d expected %d numbers (dModel of model '%s') but had %d".formatted(t, dModel, model.id(),
							values.length))
				.with("token", t)
				.with("expected", dModel)
				.with("actual", values.length);
		}
		for (int i = 0; i < dModel; i++) {
			if (!Float.isFinite(values[i])) {
				throw new InvalidInputException("Non-finite number",
						"token %d, component %d must be a finite float32 number but was %s".formatted(t, i, values[i]));
			}
		}
		System.arraycopy(values, 0, data, t * dModel, dModel);
	}

	private static String addNamed(Map<String, Double> coefficients, int t, MlpModel model, float[] data) {
		NamedDirections directions = model.directions();
		if (directions.isEmpty()) {
			throw new InvalidInputException("No named directions",
					"token %d names directions, but model '%s' has none; send a raw array of dModel=%d numbers"
						.formatted(t, model.id(), model.weights().dModel()));
		}
		if (coefficients.isEmpty()) {
			throw new InvalidInputException("Invalid token",
					"token %d is an empty object; name at least one direction, e.g. {\"%s\": 1}".formatted(t,
							directions.names().get(0)));
		}
		int dModel = model.weights().dModel();
		StringBuilder label = new StringBuilder();
		for (Map.Entry<String, Double> entry : coefficients.entrySet()) {
			int row = directions.indexOf(entry.getKey());
			if (row < 0) {
				throw unknownDirection(entry.getKey(), t, model);
			}
			Double coefficient = entry.getValue();
			if (coefficient == null || !Double.isFinite(coefficient) || Math.abs(coefficient) > Float.MAX_VALUE) {
				throw new InvalidInputException("Non-finite number",
						"token %d, direction '%s' must have a finite coefficient but was %s".formatted(t,
								entry.getKey(), coefficient));
			}
			float c = coefficient.floatValue();
			float[] direction = directions.vectors().row(row);
			for (int i = 0; i < dModel; i++) {
				data[t * dModel + i] += c * direction[i];
			}
			label.append(label.isEmpty() ? "" : " + ").append(c == 1f ? "" : c + "·").append(entry.getKey());
		}
		return label.toString();
	}

	static DomainException unknownDirection(String name, int t, MlpModel model) {
		NamedDirections directions = model.directions();
		List<String> closest = directions.closestTo(name, 3);
		DomainException problem = new InvalidInputException("Unknown direction",
				"token %d names unknown direction '%s' for model '%s'; closest: %s".formatted(t, name, model.id(),
						String.join(", ", closest)))
			.with("closest", closest);
		if (directions.names().size() <= KNOWN_NAMES_LISTED) {
			problem.with("known", directions.names());
		}
		return problem;
	}

}
