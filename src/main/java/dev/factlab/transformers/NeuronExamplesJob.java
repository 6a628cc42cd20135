package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.jobs.JobContext;
import dev.factlab.jobs.JobEndpoint;
import dev.factlab.jobs.JobHandler;
import dev.factlab.transformers.internal.ExampleArtifact;
import dev.factlab.transformers.internal.TextTokenizer;
import dev.factlab.transformers.internal.TopActivations;

import org.springframework.stereotype.Component;

/**
 * Neuron examples, the shape Neuronpedia shows: a corpus runs through the transformer in
 * batches of about {@code factlab.transformers.example-batch-tokens} tokens, and for
 * every MLP neuron of every layer the k tokens with the largest post-activation value are
 * kept with where they were (a streaming top-k: no activation is stored past its batch).
 * The special tokens the tokenizer frames a text with (all-MiniLM-L6-v2's [CLS] and
 * [SEP]) are never examples (they carry the sentence, not a word; [CLS] would top many
 * neurons in every sentence) but appear in the context shown around one; GPT-2 frames
 * nothing, so every token of its texts is offered. Cancellation is checked between
 * batches; a run that starts again starts over and gives the same examples.
 */
@Component
public class NeuronExamplesJob implements JobHandler<NeuronExamplesSpec, NeuronExamplesResult> {

	public static final String KIND = "neuron-examples";

	static final JobEndpoint ENDPOINT = JobEndpoint.of(KIND)
		.describedAs("Find every MLP neuron's top-activating tokens",
				"Runs a corpus (the project's shipped one of a few hundred sentences about people, sports, places, "
						+ "numbers and dates, or your own) through the transformer and keeps, for every MLP neuron of every "
						+ "layer, the topK tokens with the largest post-activation value. The special tokens the model's "
						+ "tokenizer puts around each sentence are never examples: all-MiniLM-L6-v2's [CLS] and [SEP] are "
						+ "left out, while GPT-2 checkpoints add none, so every token is offered (exampleTokens counts "
						+ "those offered). The "
						+ "result summarises each layer; read a neuron's examples in context with GET "
						+ "/api/v1/jobs/{id}/neurons/{layer}/{neuron}, or the latest shipped-corpus run's with GET "
						+ "/api/v1/transformers/{id}/neurons/{layer}/{neuron}/examples. The shipped corpus takes a few "
						+ "seconds.")
		.taggedAs("Transformers")
		.withExample("shipped", "The shipped corpus, 8 examples per neuron", "{\"model\": \"all-minilm-l6-v2\"}")
		.withExample("own", "Your own sentences",
				"{\"model\": \"all-minilm-l6-v2\", \"sentences\": [\"Michael Jordan played basketball in Chicago.\", "
						+ "\"Serena Williams won the US Open in 1999.\"], \"topK\": 4, \"context\": 6}");

	private final Transformers transformers;

	private final TransformerLimits limits;

	NeuronExamplesJob(Transformers transformers, TransformerLimits limits) {
		this.transformers = transformers;
		this.limits = limits;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<NeuronExamplesSpec> specType() {
		return NeuronExamplesSpec.class;
	}

	@Override
	public Class<NeuronExamplesRequest> requestType() {
		return NeuronExamplesRequest.class;
	}

	@Override
	public JobEndpoint endpoint() {
		return ENDPOINT;
	}

	@Override
	public void validate(NeuronExamplesSpec spec) {
		if (!transformers.ids().contains(spec.model())) {
			throw new InvalidInputException("Unknown model",
					"model must be one of %s but was '%s'".formatted(transformers.ids(), spec.model()))
				.with("known", transformers.ids());
		}
		if (spec.topK() < 1 || spec.topK() > limits.maxExampleTopK()) {
			throw new InvalidInputException("Invalid topK",
					"topK must be between 1 and %d (factlab.transformers.max-example-top-k) but was %d"
						.formatted(limits.maxExampleTopK(), spec.topK()));
		}
		if (spec.context() < 0 || spec.context() > limits.maxExampleContext()) {
			throw new InvalidInputException("Invalid context",
					"context must be between 0 and %d word pieces (factlab.transformers.max-example-context) but was %d"
						.formatted(limits.maxExampleContext(), spec.context()));
		}
		if (spec.sentences() == null) {
			return;
		}
		List<String> sentences = spec.sentences();
		if (sentences.size() > limits.maxExampleSentences()) {
			throw new LimitExceededException(
					"sentences of a neuron-examples corpus (factlab.transformers.max-example-sentences)",
					limits.maxExampleSentences(), sentences.size(), "sentences");
		}
		long chars = 0;
		for (int s = 0; s < sentences.size(); s++) {
			String sentence = sentences.get(s);
			if (sentence.isBlank()) {
				throw new InvalidInputException("Blank sentence",
						"sentences[%d] must contain at least one non-blank character".formatted(s));
			}
			chars += sentence.length();
		}
		if (chars > limits.maxExampleCorpusChars()) {
			throw new LimitExceededException(
					"characters of a neuron-examples corpus (factlab.transformers.max-example-corpus-chars)",
					limits.maxExampleCorpusChars(), chars, "characters");
		}
		encode(transformers.load(spec.model()), sentences);
	}

	/**
	 * @throws InvalidInputException for a sentence with no word piece (only control
	 * characters); {@link LimitExceededException} for one over the text limits
	 */
	private List<TextTokenizer.Encoding> encode(Transformers.Loaded model, List<String> sentences) {
		List<TextTokenizer.Encoding> encodings = new ArrayList<>(sentences.size());
		for (int s = 0; s < sentences.size(); s++) {
			TextTokenizer.Encoding encoding = transformers.tokenize(model, "sentences[%d]".formatted(s),
					sentences.get(s));
			if (encoding.textTokens() == 0) {
				throw new InvalidInputException("Empty sentence",
						"sentences[%d] has no word pieces (only characters the tokenizer drops)".formatted(s));
			}
			encodings.add(encoding);
		}
		return encodings;
	}

	@Override
	public NeuronExamplesResult run(NeuronExamplesSpec spec, JobContext context) {
		long start = System.nanoTime();
		Transformers.Loaded model = transformers.load(spec.model());
		List<String> sentences = spec.corpusSentences();
		context.progress(0, "tokenise", Map.of(), "Tokenising %,d sentences".formatted(sentences.size()));
		List<TextTokenizer.Encoding> encodings = encode(model, sentences);
		int total = encodings.stream().mapToInt(e -> e.ids().length).sum();
		Collected collected = collect(model.weights(), encodings, spec.topK(), limits.exampleBatchTokens(),
				(done, tokens) -> {
					context.checkCancelled();
					Map<String, Object> metrics = new LinkedHashMap<>();
					metrics.put("sentences", done);
					metrics.put("tokens", tokens);
					context.progress(0.95 * tokens / total, "forward", metrics,
							"%,d of %,d sentences through the model".formatted(done, sentences.size()));
				});
		List<TopActivations> tops = collected.layers();
		context.checkCancelled();
		context.progress(0.95, "store", Map.of(), "Storing the examples");
		List<List<String>> pieces = encodings.stream().map(TextTokenizer.Encoding::pieces).toList();
		context.saveArtifact(ExampleArtifact.NAME, ExampleArtifact.CONTENT_TYPE,
				ExampleArtifact.encode(spec.model(), spec.context(), sentences, pieces, tops));
		List<NeuronExamplesResult.LayerSummary> layers = new ArrayList<>();
		for (int l = 0; l < tops.size(); l++) {
			layers.add(summary(l, tops.get(l)));
		}
		return new NeuronExamplesResult(spec.model(), spec.corpus(), sentences.size(), total, collected.offered(),
				spec.topK(), spec.context(), layers, ExampleArtifact.NAME, (System.nanoTime() - start) / 1e9,
				collected.forwardNanos() / 1e9, collected.topKNanos() / 1e9);
	}

	/** Called after each batch. */
	interface BatchListener {

		/**
		 * @param sentences sentences done so far
		 * @param tokens their word pieces
		 */
		void afterBatch(int sentences, int tokens);

	}

	/**
	 * @param layers one accumulator per layer
	 * @param offered tokens offered to them: all but the framing special tokens
	 * @param forwardNanos time in the forward passes
	 * @param topKNanos time keeping the top k
	 */
	record Collected(List<TopActivations> layers, int offered, long forwardNanos, long topKNanos) {
	}

	/**
	 * The streaming top-k over a tokenised corpus: consecutive sentences are packed into
	 * batches of at most {@code batchTokens} word pieces (a longer sentence runs alone).
	 * @param encodings each sentence (for BERT framed by [CLS] and [SEP]). Not modified.
	 * @return one accumulator per layer, the tokens offered, and where the time went; the
	 * special tokens framing each sentence (BERT's [CLS] and [SEP]) left out
	 */
	static Collected collect(EncoderWeights weights, List<TextTokenizer.Encoding> encodings, int k, int batchTokens,
			BatchListener listener) {
		List<TopActivations> tops = new ArrayList<>();
		for (int l = 0; l < weights.layers().size(); l++) {
			tops.add(new TopActivations(weights.neurons(), k));
		}
		int next = 0;
		int tokensDone = 0;
		int offered = 0;
		long forward = 0;
		long keep = 0;
		while (next < encodings.size()) {
			int first = next;
			int tokens = 0;
			while (next < encodings.size()
					&& (next == first || tokens + encodings.get(next).ids().length <= batchTokens)) {
				tokens += encodings.get(next++).ids().length;
			}
			List<int[]> ids = new ArrayList<>(next - first);
			int[] sentence = new int[tokens];
			int[] token = new int[tokens];
			boolean[] special = new boolean[tokens];
			int row = 0;
			for (int s = first; s < next; s++) {
				TextTokenizer.Encoding encoding = encodings.get(s);
				ids.add(encoding.ids());
				for (int t = 0; t < encoding.ids().length; t++, row++) {
					sentence[row] = s;
					token[row] = t;
					special[row] = encoding.framing(t);
				}
				offered += encoding.textTokens();
			}
			long t0 = System.nanoTime();
			TransformerPass.Result pass = TransformerPass.run(weights, ids, List.of());
			long t1 = System.nanoTime();
			for (int l = 0; l < tops.size(); l++) {
				tops.get(l).offer(pass.layers().get(l).neurons().toArray(), sentence, token, special);
			}
			forward += t1 - t0;
			keep += System.nanoTime() - t1;
			tokensDone += tokens;
			listener.afterBatch(next, tokensDone);
		}
		return new Collected(tops, offered, forward, keep);
	}

	static NeuronExamplesResult.LayerSummary summary(int layer, TopActivations top) {
		int neurons = top.neurons();
		float[] maxes = new float[neurons];
		int never = 0;
		int best = 0;
		for (int n = 0; n < neurons; n++) {
			maxes[n] = top.max(n);
			if (!(maxes[n] > 0)) {
				never++;
			}
			if (Float.compare(maxes[n], maxes[best]) > 0) {
				best = n;
			}
		}
		float bestValue = maxes[best];
		Arrays.sort(maxes);
		double median = neurons % 2 == 1 ? maxes[neurons / 2]
				: ((double) maxes[neurons / 2 - 1] + maxes[neurons / 2]) / 2;
		return new NeuronExamplesResult.LayerSummary(layer, never, (double) never / neurons, bestValue, best, median);
	}

}
