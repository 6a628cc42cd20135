package dev.factlab.transformers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.factlab.errors.InvalidInputException;

/**
 * What a neuron-examples job runs, every default resolved.
 *
 * @param model a transformer id
 * @param corpus {@value NeuronCorpus#SHIPPED} (the project's corpus) or
 * {@value NeuronCorpus#USER} (the sentences given)
 * @param sentences the user corpus; null for the shipped one
 * @param topK examples kept per neuron
 * @param context word pieces shown before and after an example's token by default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NeuronExamplesSpec(String model, String corpus, List<String> sentences, int topK, int context) {

	public NeuronExamplesSpec {
		if (model == null || model.isBlank()) {
			throw new InvalidInputException("No model", "model must name a transformer, e.g. all-minilm-l6-v2");
		}
		if (NeuronCorpus.SHIPPED.equals(corpus)) {
			if (sentences != null) {
				throw new InvalidInputException("Invalid corpus", "the shipped corpus takes no sentences");
			}
		}
		else if (NeuronCorpus.USER.equals(corpus)) {
			if (sentences == null) {
				throw new InvalidInputException("No sentences", "a user corpus needs sentences");
			}
			if (sentences.stream().anyMatch(s -> s == null)) {
				throw new InvalidInputException("Invalid sentence",
						"sentences[%d] is null; every sentence must be a text".formatted(sentences.indexOf(null)));
			}
			sentences = List.copyOf(sentences);
		}
		else {
			throw new InvalidInputException("Invalid corpus", "corpus must be '%s' or '%s' but was '%s'"
				.formatted(NeuronCorpus.SHIPPED, NeuronCorpus.USER, corpus));
		}
	}

	/** The sentences that run: the user's, or the shipped corpus. */
	public List<String> corpusSentences() {
		return sentences != null ? sentences : NeuronCorpus.shipped();
	}

}
