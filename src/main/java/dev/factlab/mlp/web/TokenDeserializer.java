package dev.factlab.mlp.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.factlab.mlp.TokenInput;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads one token straight into floats, without a JSON tree: either an array of numbers
 * or an object of direction names to numbers. Anything else is an input mismatch whose
 * message names what was expected.
 */
class TokenDeserializer extends ValueDeserializer<TokenInput> {

	@Override
	public TokenInput deserialize(JsonParser p, DeserializationContext ctxt) {
		JsonToken token = p.currentToken();
		if (token == JsonToken.START_ARRAY) {
			return readVector(p, ctxt);
		}
		if (token == JsonToken.START_OBJECT) {
			return readNamed(p, ctxt);
		}
		return ctxt.reportInputMismatch(this,
				"a token must be an array of dModel numbers or an object of direction names to numbers, but was %s",
				describe(token));
	}

	private TokenInput readVector(JsonParser p, DeserializationContext ctxt) {
		float[] values = new float[64];
		int size = 0;
		for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
			if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
				return ctxt.reportInputMismatch(this, "token vector element %d must be a number but was %s", size,
						describe(t));
			}
			if (size == values.length) {
				values = java.util.Arrays.copyOf(values, size * 2);
			}
			values[size++] = (float) p.getDoubleValue();
		}
		return new TokenInput.Vector(java.util.Arrays.copyOf(values, size));
	}

	private TokenInput readNamed(JsonParser p, DeserializationContext ctxt) {
		Map<String, Double> coefficients = new LinkedHashMap<>();
		for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
			String name = p.currentName();
			JsonToken value = p.nextToken();
			if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
				return ctxt.reportInputMismatch(this, "the coefficient of direction '%s' must be a number but was %s",
						name, describe(value));
			}
			if (coefficients.put(name, p.getDoubleValue()) != null) {
				return ctxt.reportInputMismatch(this, "direction '%s' appears twice in one token", name);
			}
		}
		return new TokenInput.Named(coefficients);
	}

	private static String describe(JsonToken token) {
		if (token == null) {
			return "missing";
		}
		return switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NULL -> "null";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_ARRAY -> "an array";
			case START_OBJECT -> "an object";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			default -> token.toString();
		};
	}

}
