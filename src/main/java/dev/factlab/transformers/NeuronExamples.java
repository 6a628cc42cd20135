package dev.factlab.transformers;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One neuron's top-activating tokens in context, largest activation first.
 *
 * @param jobId the neuron-examples job they come from
 * @param model its transformer
 * @param layer 0-based layer
 * @param neuron 0-based neuron of that layer
 * @param examples at most the job's topK
 */
@Schema(description = "A neuron's top-activating word pieces over a job's corpus, largest activation first")
public record NeuronExamples(
		@Schema(description = "The neuron-examples job", example = "4f1c2d7e-8a0b-4c35-9e61-2b7d9a1f0c44") UUID jobId,
		@Schema(description = "The job's transformer", example = "all-minilm-l6-v2") String model,
		@Schema(description = "0-based layer", example = "3") int layer,
		@Schema(description = "0-based neuron of the layer", example = "1204") int neuron,
		@Schema(description = "At most the job's topK, largest activation first; [CLS] and [SEP] are never examples") List<Example> examples) {

	/**
	 * One word piece where the neuron fired.
	 *
	 * @param activation the neuron's post-GELU value there
	 * @param sentence the sentence's index in the corpus
	 * @param token the word piece's index in its sentence ([CLS] is 0)
	 * @param tokenText the word piece
	 * @param before up to context word pieces before it, [CLS] included
	 * @param after up to context word pieces after it, [SEP] included
	 * @param text the whole sentence as written
	 */
	@Schema(name = "NeuronExample", description = "A word piece where the neuron fired, in context")
	public record Example(@Schema(description = "Post-GELU value", example = "3.71") float activation,
			@Schema(description = "Index of the sentence in the corpus", example = "12") int sentence,
			@Schema(description = "Index of the word piece in the sentence, [CLS] being 0", example = "5") int token,
			@Schema(description = "The word piece (a continuation starts with ##)",
					example = "basketball") String tokenText,
			@Schema(description = "Word pieces before it",
					example = "[\"[CLS]\", \"michael\", \"jordan\", \"played\"]") List<String> before,
			@Schema(description = "Word pieces after it",
					example = "[\"for\", \"the\", \"chicago\", \"bulls\"]") List<String> after,
			@Schema(description = "The whole sentence as written",
					example = "Michael Jordan played basketball for the Chicago Bulls.") String text) {
	}

}
