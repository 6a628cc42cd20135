package dev.factlab.params;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The normalisation layer, and how many d_model-sized vectors each one trains. */
public enum NormKind {

	/** LayerNorm: a scale and a shift vector. */
	@JsonProperty("layernorm")
	LAYERNORM(2),

	/** RMSNorm: a scale vector only. */
	@JsonProperty("rmsnorm")
	RMSNORM(1);

	private final int vectors;

	NormKind(int vectors) {
		this.vectors = vectors;
	}

	/** Trained d_model-sized vectors per norm. */
	public int vectors() {
		return vectors;
	}

}
