package dev.factlab.transformers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the transformer endpoints ({@code factlab.transformers.*}); a request beyond
 * one gets a 413 problem naming the limit.
 *
 * @param maxTextChars characters of one text
 * @param maxTokens word pieces of one text, [CLS] and [SEP] included (all-MiniLM-L6-v2
 * has 512 positions, so at most 512 are used whatever this says)
 * @param maxCandidates candidate texts of one similarity request
 * @param maxTopK neurons listed per layer and token in a trace
 * @param maxAblatedNeurons neurons zeroed by one request, over all layers
 * @param maxMarginScan neurons whose single ablation a similarity request may try when it
 * looks for the ones that move the target's margin most
 * @param maxExampleSentences sentences of a user corpus of one neuron-examples job
 * @param maxExampleCorpusChars characters of a user corpus of one neuron-examples job,
 * over all its sentences
 * @param maxExampleTopK examples kept per neuron by a neuron-examples job
 * @param maxExampleContext word pieces shown before and after an example's token
 * @param exampleBatchTokens word pieces a neuron-examples job runs through the model at
 * once (a sentence longer than this runs alone)
 * @param exampleCacheJobs neuron-examples jobs whose decoded examples are kept in memory
 * for the neuron endpoints
 */
@ConfigurationProperties("factlab.transformers")
public record TransformerLimits(@DefaultValue("2000") int maxTextChars, @DefaultValue("256") int maxTokens,
		@DefaultValue("32") int maxCandidates, @DefaultValue("32") int maxTopK,
		@DefaultValue("9216") int maxAblatedNeurons, @DefaultValue("192") int maxMarginScan,
		@DefaultValue("2000") int maxExampleSentences, @DefaultValue("200000") int maxExampleCorpusChars,
		@DefaultValue("64") int maxExampleTopK, @DefaultValue("32") int maxExampleContext,
		@DefaultValue("512") int exampleBatchTokens, @DefaultValue("4") int exampleCacheJobs) {

	public TransformerLimits {
		if (maxTextChars <= 0 || maxTokens < 3 || maxCandidates <= 0 || maxTopK <= 0 || maxAblatedNeurons <= 0
				|| maxMarginScan < 0 || maxExampleSentences <= 0 || maxExampleCorpusChars <= 0 || maxExampleTopK <= 0
				|| maxExampleContext < 0 || exampleBatchTokens <= 0 || exampleCacheJobs <= 0) {
			throw new IllegalArgumentException("factlab.transformers limits must be positive: " + this);
		}
	}

}
