package dev.factlab.facts;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a fact model answers for one subject.
 *
 * @param subject the names queried
 * @param stored the attributes of the fact with exactly this subject, empty when there is
 * none (e.g. a partial subject)
 * @param ranked the best-scoring names, largest first
 * @param recovered names scoring above 0.5, largest first
 * @param exact true when {@code recovered} is exactly {@code stored}
 * @param fired neurons whose activation is above 0.5
 * @param noise the largest score of a name that is not one of {@code stored}
 * @param noiseName that name
 */
@Schema(description = "What the model recalls for one subject")
public record QueryAnswer(@Schema(description = "The names queried") List<String> subject,
		@Schema(description = "Attributes of the fact with exactly this subject; empty when there is none "
				+ "(a partial subject should recall nothing)") List<String> stored,
		@Schema(description = "The best-scoring names of the decoded block output, largest first") List<Score> ranked,
		@Schema(description = "Names scoring above 0.5 (half a written attribute), largest first") List<Score> recovered,
		@Schema(description = "True when the recovered names are exactly the stored attributes") boolean exact,
		@Schema(description = "Neurons with activation above 0.5 (one per fact: the fact's label)") List<Fired> fired,
		@Schema(description = "The largest score of a name that is not a stored attribute",
				example = "0.0") double noise,
		@Schema(description = "That name", example = "sport:swimming") String noiseName) {

	/** A name and its decoded score. */
	@Schema(name = "FactScore", description = "A name and its decoded score")
	public record Score(@Schema(description = "A name of the space", example = "sport:basketball") String name,
			@Schema(description = "The block output's dot product with its direction", example = "1.0") double score) {
	}

	/** A neuron that fired. */
	@Schema(description = "A neuron that fired")
	public record Fired(@Schema(description = "Its index (the fact's position)", example = "0") int neuron,
			@Schema(description = "The fact it stores",
					example = "first:Michael + last:Jordan → sport:basketball") String fact,
			@Schema(description = "Its activation", example = "1.0") double activation) {
	}

}
