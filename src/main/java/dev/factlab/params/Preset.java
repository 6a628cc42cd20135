package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A published model's configuration, with where its numbers come from and the total it
 * must reproduce.
 */
@Schema(description = "A published model's configuration and its source")
public record Preset(@Schema(description = "Name used in the URL", example = "gpt3-175b") String name,
		@Schema(description = "Model name as published", example = "GPT-3 175B") String title,
		@Schema(description = "Where the configuration comes from",
				example = "Brown et al. (2020), Language Models are Few-Shot Learners, Table 2.1") String source,
		@Schema(description = "The parameter count as the source prints it",
				example = "175.0B (Table 2.1); 174,600M (Table D.1)") String published,
		@Schema(description = "The count this preset reproduces (its full convention), with the source's rounding") PublishedTotal publishedTotal,
		@Schema(description = "Choices the source leaves open, known errata, and where the source contradicts itself: "
				+ "what it prints and which reading the preset follows",
				example = "Biases, LayerNorm, tied embeddings and learned positions as in GPT-2.") String notes,
		@Schema(description = "The configuration") TransformerConfig config) {

	public Preset {
		if (name == null || name.isBlank() || config == null || publishedTotal == null) {
			throw new IllegalArgumentException(
					"a preset needs a name, a configuration and a published total, got " + name);
		}
	}

}
