package dev.factlab.params;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an MLP block is built: how many d_model × d_ff matrices it holds. */
public enum MlpKind {

	/** Up and down projections, as in GPT-2, GPT-3 and the lesson: 2 matrices. */
	@JsonProperty("standard")
	STANDARD(2),

	/** Gate, up and down projections, as in SwiGLU (Llama): 3 matrices. */
	@JsonProperty("gated")
	GATED(3);

	private final int matrices;

	MlpKind(int matrices) {
		this.matrices = matrices;
	}

	/**
	 * Number of d_model × d_ff weight matrices in one MLP (one expert, for a mixture of
	 * experts).
	 */
	public int matrices() {
		return matrices;
	}

}
