package dev.factlab.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The nonlinearity between the up- and the down-projection, applied elementwise in double
 * precision and rounded to float32. "The neuron" is the value after it (TransformerLens's
 * {@code hook_post}); a neuron is active when that value is positive.
 */
public enum Activation {

	/**
	 * {@code max(0, x)}: the lesson's choice, which turns the toy's neuron into an exact
	 * AND gate.
	 */
	RELU("relu", "max(0, x)"),

	/**
	 * {@code x·Φ(x)} with the exact normal CDF {@code Φ(x) = erfc(−x/√2)/2} (GPT-2's
	 * "gelu" before tanh).
	 */
	GELU("gelu", "x·Φ(x), Φ(x) = erfc(−x/√2)/2"),

	/**
	 * {@code x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}: the tanh approximation
	 * (TransformerLens "gelu_new").
	 */
	GELU_TANH("gelu_tanh", "x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))"),

	/** {@code x·σ(x)}, also called swish. */
	SILU("silu", "x·σ(x) = x/(1 + e^(−x))");

	private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

	private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

	private final String wireName;

	private final String formula;

	Activation(String wireName, String formula) {
		this.wireName = wireName;
		this.formula = formula;
	}

	/** The name used in the API: relu, gelu, gelu_tanh, silu. */
	public String wireName() {
		return wireName;
	}

	public String formula() {
		return formula;
	}

	/**
	 * @return the activation with that API name (case-insensitive), or null when there is
	 * none
	 */
	public static Activation fromWireName(String name) {
		if (name == null) {
			return null;
		}
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		for (Activation activation : values()) {
			if (activation.wireName.equals(wanted)) {
				return activation;
			}
		}
		return null;
	}

	/** The API names, comma-separated, for error messages. */
	public static String wireNames() {
		return Arrays.stream(values()).map(Activation::wireName).collect(Collectors.joining(", "));
	}

	/**
	 * The activation in double precision, by its formula: the reference the float32
	 * passes are tested against.
	 */
	public double apply(double x) {
		return switch (this) {
			case RELU -> x > 0 ? x : 0;
			case GELU -> x * 0.5 * Erfc.erfc(-x * INV_SQRT_2);
			case GELU_TANH -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
			case SILU -> x / (1 + Math.exp(-x));
		};
	}

	/**
	 * Applies the activation to {@code values[from, to)}: the one implementation behind
	 * every path (heap and off-heap matrices, the transformer's layers), so a value gives
	 * the same bits wherever it is computed. GELU runs {@link GeluKernel} (vectorised,
	 * within half an ulp of float32 of {@link #apply(double)}); the others round
	 * {@link #apply(double)}.
	 * @param values Modified.
	 */
	void applyInPlace(float[] values, int from, int to) {
		if (this == RELU) {
			for (int i = from; i < to; i++) {
				values[i] = values[i] > 0 ? values[i] : 0f;
			}
			return;
		}
		if (this == GELU) {
			Gelu.KERNEL.apply(values, from, to);
			return;
		}
		for (int i = from; i < to; i++) {
			values[i] = (float) apply(values[i]);
		}
	}

	/** The GELU kernel, chosen once on first use. */
	private static final class Gelu {

		static final GeluKernel KERNEL = GeluKernel.choose();

	}

}
