package dev.factlab.params;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where token positions come from. */
public enum PositionKind {

	/** A learned context × d_model table (GPT-2, GPT-3). */
	@JsonProperty("learned")
	LEARNED,

	/** No trained positions: rotary (RoPE), ALiBi or none at all (Llama). */
	@JsonProperty("none")
	NONE

}
