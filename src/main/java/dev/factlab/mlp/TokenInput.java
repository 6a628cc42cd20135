package dev.factlab.mlp;

import java.util.Map;

/** One token of a request: a raw vector, or named directions with coefficients. */
public sealed interface TokenInput {

	/**
	 * @param values [dModel]
	 */
	record Vector(float[] values) implements TokenInput {
	}

	/**
	 * @param coefficients direction name to coefficient, e.g. {"first:Michael": 1,
	 * "last:Jordan": 1}
	 */
	record Named(Map<String, Double> coefficients) implements TokenInput {
	}

}
