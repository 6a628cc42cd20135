package dev.factlab.transformers;

import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.jobs.JobRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A neuron-examples job as posted to {@code POST /api/v1/jobs/neuron-examples}; every
 * field is optional.
 */
@Schema(description = "Run a corpus through a transformer and keep, for every MLP neuron, its top-activating tokens "
		+ "in context. Without sentences the project's shipped corpus runs.")
public record NeuronExamplesRequest(
		@Schema(description = "The transformer; default all-minilm-l6-v2", example = "all-minilm-l6-v2") String model,
		@Schema(description = "Your own corpus, one sentence per entry: 1 to factlab.transformers.max-example-sentences "
				+ "sentences, factlab.transformers.max-example-corpus-chars characters in all, each non-blank and within "
				+ "factlab.transformers.max-text-chars characters and factlab.transformers.max-tokens word pieces. Leave "
				+ "it out for the shipped corpus.",
				example = "[\"Michael Jordan played basketball for the Chicago Bulls.\", \"Serena Williams won the US Open.\"]") List<String> sentences,
		@Schema(description = "Examples kept per neuron, 1 to factlab.transformers.max-example-top-k; default 8",
				example = "8") Integer topK,
		@Schema(description = "Word pieces shown before and after an example's token, 0 to "
				+ "factlab.transformers.max-example-context; default 6", example = "6") Integer context)
		implements
			JobRequest<NeuronExamplesSpec> {

	public static final int DEFAULT_TOP_K = 8;

	public static final int DEFAULT_CONTEXT = 6;

	@Override
	public NeuronExamplesSpec toSpec() {
		if (sentences != null && sentences.isEmpty()) {
			throw new InvalidInputException("No sentences",
					"sentences must hold at least one sentence; leave it out to use the shipped corpus");
		}
		return new NeuronExamplesSpec(model == null ? Transformers.MINILM : model,
				sentences == null ? NeuronCorpus.SHIPPED : NeuronCorpus.USER, sentences,
				topK == null ? DEFAULT_TOP_K : topK, context == null ? DEFAULT_CONTEXT : context);
	}

}
