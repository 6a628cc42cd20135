package dev.factlab.transformers;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A neuron-examples job's result: small; the examples themselves are in the artifact
 * {@code neuron-examples.bin}, read through {@code GET
 * /api/v1/jobs/{id}/neurons/{layer}/{neuron}}.
 *
 * @param model the transformer
 * @param corpus shipped or user
 * @param sentences sentences run
 * @param tokens tokens run, the special tokens framing each sentence ([CLS] and [SEP])
 * included
 * @param exampleTokens tokens offered as examples: all but those special tokens (GPT-2
 * has none, so all)
 * @param topK examples kept per neuron
 * @param context word pieces shown before and after an example by default
 * @param layers one summary per layer
 * @param artifact the artifact holding the examples
 * @param seconds the run's wall time
 * @param forwardSeconds of which in the transformer's forward passes
 * @param topKSeconds of which keeping every neuron's top k
 */
@Schema(description = "What a neuron-examples job ran, and per layer how its neurons fired")
public record NeuronExamplesResult(@Schema(example = "all-minilm-l6-v2") String model,
		@Schema(description = "shipped or user", example = "shipped") String corpus,
		@Schema(example = "400") int sentences,
		@Schema(description = "Tokens run, all-MiniLM-L6-v2's [CLS] and [SEP] included", example = "6400") int tokens,
		@Schema(description = "Tokens offered as examples: all but the special tokens the tokenizer puts around each "
				+ "sentence (all-MiniLM-L6-v2's [CLS] and [SEP]; a GPT-2 checkpoint adds none, so every token)",
				example = "5600") int exampleTokens,
		@Schema(example = "8") int topK, @Schema(example = "6") int context, List<LayerSummary> layers,
		@Schema(example = "neuron-examples.bin") String artifact, @Schema(example = "6.3") double seconds,
		@Schema(example = "5.9") double forwardSeconds, @Schema(example = "0.2") double topKSeconds) {

	/**
	 * How one layer's neurons fired over the corpus (post-GELU values, example tokens
	 * only).
	 *
	 * @param neuronsNeverPositive neurons whose largest value stayed at or below 0
	 * @param neverPositiveFraction that count over all neurons of the layer
	 * @param maxActivation the layer's largest value
	 * @param maxNeuron the neuron that reached it
	 * @param medianNeuronMax the median over neurons of each neuron's largest value
	 */
	@Schema(name = "NeuronExamplesLayer", description = "How one layer's neurons fired over the corpus")
	public record LayerSummary(@Schema(example = "0") int layer, @Schema(example = "3") int neuronsNeverPositive,
			@Schema(example = "0.002") double neverPositiveFraction, @Schema(example = "4.8") double maxActivation,
			@Schema(example = "1204") int maxNeuron, @Schema(example = "1.1") double medianNeuronMax) {
	}

}
