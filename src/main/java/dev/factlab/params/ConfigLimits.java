package dev.factlab.params;

import java.util.Locale;

import dev.factlab.errors.InvalidInputException;

/**
 * Documented upper bounds on every configuration size. They keep silly values out; they
 * do not rule out overflow on their own (10,000 layers of 1,000,000-wide attention
 * overflow a {@code long}), which {@link ParameterCount} reports as a 400 of its own.
 */
public final class ConfigLimits {

	public static final int MAX_VOCAB = 10_000_000;

	public static final int MAX_CONTEXT = 10_000_000;

	public static final int MAX_D_MODEL = 1_000_000;

	public static final int MAX_LAYERS = 10_000;

	public static final int MAX_HEADS = 100_000;

	public static final int MAX_D_HEAD = 1_000_000;

	public static final int MAX_D_FF = 10_000_000;

	public static final int MAX_EXPERTS = 4_096;

	private ConfigLimits() {
	}

	/**
	 * @throws InvalidInputException unless {@code 1 <= value <= max}
	 */
	static void requireSize(String name, long value, long max) {
		requireBetween(name, value, 1, max);
	}

	/**
	 * @throws InvalidInputException unless {@code min <= value <= max}
	 */
	static void requireBetween(String name, long value, long min, long max) {
		if (value < min || value > max) {
			throw new InvalidInputException("Invalid configuration",
					String.format(Locale.US, "%s must be between %,d and %,d but was %,d", name, min, max, value))
				.with("field", name)
				.with("actual", value);
		}
	}

	/**
	 * @throws InvalidInputException naming the field when a choice is missing
	 */
	static void requireChoice(String name, Object value) {
		if (value == null) {
			throw new InvalidInputException("Invalid configuration", name + " must be given but was null").with("field",
					name);
		}
	}

}
