package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * Next-token top-k of a GPT-2: the text's last token's logits ({@code ln_f(h)·wteᵀ}),
 * their softmax in double, optionally beside the same under an ablation.
 */
@Service
public class NextTokenPredictions {

	private final Transformers transformers;

	private final Traces traces;

	NextTokenPredictions(Transformers transformers, Traces traces) {
		this.transformers = transformers;
		this.traces = traces;
	}

	/**
	 * @param ablations neurons to zero, possibly none
	 * @throws InvalidInputException an encoder without a language-model head, empty text,
	 * bad topK, unknown layer or neuron
	 */
	public NextTokens predict(String id, String text, int topK, List<Ablation> ablations) {
		Transformers.Loaded model = transformers.load(id);
		if (!model.decoder()) {
			throw new InvalidInputException("No language-model head",
					"'%s' is an encoder (BERT) without a language-model head, so it predicts no next token; next-token "
						.formatted(id) + "needs a GPT-2 checkpoint from factlab.transformers.checkpoint-dir");
		}
		traces.checkTopK(topK, model.weights().vocabulary());
		traces.checkAblations(ablations);
		var encoding = transformers.tokenize(model, "text", text);
		int[] ids = encoding.ids();
		Distribution clean = distribution(model, ids, List.of());
		List<NextTokens.Prediction> predictions = top(model, clean, topK);
		NextTokens.AblationEffect effect = null;
		if (!ablations.isEmpty()) {
			Distribution ablated = distribution(model, ids, ablations);
			List<NextTokens.Change> changes = new ArrayList<>();
			for (NextTokens.Prediction p : predictions) {
				changes
					.add(new NextTokens.Change(p.id(), p.piece(), p.probability(), Math.exp(ablated.logP()[p.id()])));
			}
			effect = new NextTokens.AblationEffect(top(model, ablated, topK), changes,
					kl(clean.logP(), ablated.logP()));
		}
		List<Trace.Token> tokens = new ArrayList<>();
		for (int t = 0; t < ids.length; t++) {
			tokens.add(new Trace.Token(t, ids[t], encoding.pieces().get(t)));
		}
		return new NextTokens(id, tokens, predictions, effect);
	}

	/**
	 * The last token's logits and their log-softmax.
	 *
	 * @param logits [vocabulary]
	 * @param logP [vocabulary]: log-probabilities, in double
	 */
	private record Distribution(float[] logits, double[] logP) {
	}

	private static Distribution distribution(Transformers.Loaded model, int[] ids, List<Ablation> ablations) {
		TransformerPass.Result pass = model.run(List.of(ids), ablations);
		float[] logits = DecoderPass.logits(model.weights(), pass.hidden(), ids.length - 1);
		return new Distribution(logits, logSoftmax(logits));
	}

	/** The log-softmax in double, with the largest logit subtracted first. */
	static double[] logSoftmax(float[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (float l : logits) {
			max = Math.max(max, l);
		}
		double sum = 0;
		for (float l : logits) {
			sum += Math.exp(l - max);
		}
		double logZ = max + Math.log(sum);
		double[] out = new double[logits.length];
		for (int i = 0; i < logits.length; i++) {
			out[i] = logits[i] - logZ;
		}
		return out;
	}

	/** The k most likely tokens, most likely first (ties: lower id first). */
	private static List<NextTokens.Prediction> top(Transformers.Loaded model, Distribution d, int k) {
		List<NextTokens.Prediction> out = new ArrayList<>(k);
		for (Trace.NeuronValue v : Traces.top(d.logits(), k)) {
			int id = v.neuron();
			out.add(new NextTokens.Prediction(id, model.tokenizer().piece(id), Math.exp(d.logP()[id]), d.logits()[id]));
		}
		return out;
	}

	/** KL(p ‖ q) in nats from log-probabilities. */
	static double kl(double[] logP, double[] logQ) {
		double sum = 0;
		for (int i = 0; i < logP.length; i++) {
			sum += Math.exp(logP[i]) * (logP[i] - logQ[i]);
		}
		return Math.max(0, sum);
	}

}
