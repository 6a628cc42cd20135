package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** Totals under the named conventions, see {@link Convention} and {@link KaplanCount}. */
@Schema(description = "Totals under named conventions")
public record Conventions(
		@Schema(description = "Weight matrices only, unembedding counted apart from the embedding even when tied: "
				+ "the lesson's count (no biases, norms or position embedding)",
				example = "175181291520") long matrices,
		@Schema(description = "Every trained tensor as configured: a tied unembedding once, learned positions, biases, "
				+ "norms", example = "174604259328") long full,
		@Schema(description = "Kaplan et al. (2020) non-embedding count and the exact value beside it") KaplanCount kaplan) {

	/** The total under {@code convention}. */
	public long total(Convention convention) {
		return convention == Convention.MATRICES ? matrices : full;
	}

}
