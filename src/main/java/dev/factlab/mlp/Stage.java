package dev.factlab.mlp;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The intermediates a forward request can ask for, by their API names. */
public enum Stage {

	PRE_ACTIVATIONS("preActivations"), ACTIVATIONS("activations"), OUTPUT("output"), RESIDUAL("residual");

	private final String wireName;

	Stage(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

	/**
	 * @return the stage of that API name, or null
	 */
	public static Stage fromWireName(String name) {
		return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst().orElse(null);
	}

	public static String wireNames() {
		return Arrays.stream(values()).map(Stage::wireName).collect(Collectors.joining(", "));
	}

	/** This stage's matrix of a pass. */
	dev.factlab.tensor.FloatMatrix of(MlpBlock.Forward forward) {
		return switch (this) {
			case PRE_ACTIVATIONS -> forward.preActivations();
			case ACTIVATIONS -> forward.activations();
			case OUTPUT -> forward.output();
			case RESIDUAL -> forward.residual();
		};
	}

	/** Numbers per token this stage adds to a response. */
	int width(MlpWeights weights) {
		return this == PRE_ACTIVATIONS || this == ACTIVATIONS ? weights.neurons() : weights.dModel();
	}

}
