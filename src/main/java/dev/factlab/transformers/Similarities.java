package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.tensor.FloatMatrix;

import org.springframework.stereotype.Service;

/**
 * Cosine similarities between a text and candidates (the model's own use), with and
 * without an ablation of the text's pass, and the single neurons whose ablation moves a
 * target candidate's margin most.
 */
@Service
public class Similarities {

	/** Neuron effects returned by a margin scan. */
	static final int MOVERS = 10;

	private final Transformers transformers;

	private final Traces traces;

	Similarities(Transformers transformers, Traces traces) {
		this.transformers = transformers;
		this.traces = traces;
	}

	/**
	 * @param target one of the candidates, or null for no margin scan
	 * @throws InvalidInputException empty texts or candidates, target not a candidate,
	 * unknown layer or neuron
	 */
	public Similarity compare(String id, String text, List<String> candidates, List<Ablation> ablations,
			String target) {
		Transformers.Loaded model = transformers.load(id);
		if (model.decoder()) {
			throw new InvalidInputException("No sentence embedding",
					"'%s' is a GPT-2 language model, which has no sentence embedding to compare (its mean hidden state "
						.formatted(id)
							+ "is not trained for similarity); similarity is for %s, next-token for GPT-2"
								.formatted(Transformers.MINILM));
		}
		if (candidates == null || candidates.isEmpty()) {
			throw new InvalidInputException("No candidates", "candidates must hold at least one text");
		}
		if (candidates.size() > transformers.limits().maxCandidates()) {
			throw new LimitExceededException("candidates", transformers.limits().maxCandidates(), candidates.size(),
					"texts");
		}
		int targetIndex = target == null ? -1 : candidates.indexOf(target);
		if (target != null && targetIndex < 0) {
			throw new InvalidInputException("Unknown target",
					"target '%s' is not one of the candidates %s".formatted(target, candidates));
		}
		if (target != null && candidates.size() < 2) {
			throw new InvalidInputException("No margin", "a target's margin needs at least one other candidate");
		}
		traces.checkAblations(ablations);
		int[] probe = transformers.tokenize(model, "text", text).ids();
		List<int[]> others = new ArrayList<>();
		for (int c = 0; c < candidates.size(); c++) {
			others.add(transformers.tokenize(model, "candidates[%d]".formatted(c), candidates.get(c)).ids());
		}
		TransformerPass.Result candidatePass = TransformerPass.run(model.weights(), others, List.of());
		float[][] candidateEmbeddings = SentenceEmbeddings.meanPooled(candidatePass.hidden(), candidatePass.lengths());
		TransformerPass.Result clean = TransformerPass.run(model.weights(), List.of(probe), List.of());
		double[] cosines = cosines(embedding(clean), candidateEmbeddings);
		double[] ablated = ablations.isEmpty() ? null : cosines(
				embedding(TransformerPass.run(model.weights(), List.of(probe), ablations)), candidateEmbeddings);
		List<Similarity.Candidate> scores = new ArrayList<>();
		for (int c = 0; c < candidates.size(); c++) {
			scores.add(new Similarity.Candidate(candidates.get(c), cosines[c], ablated == null ? null : ablated[c]));
		}
		List<Similarity.NeuronEffect> movers = targetIndex < 0 ? null
				: marginMovers(model, probe, clean, candidateEmbeddings, targetIndex, margin(cosines, targetIndex));
		return new Similarity(id, text, scores, movers);
	}

	/**
	 * Zeroes, one at a time, the most active neurons of each layer (by mean value over
	 * the text's tokens, {@code maxMarginScan} in all) and keeps the largest margin
	 * changes.
	 */
	private List<Similarity.NeuronEffect> marginMovers(Transformers.Loaded model, int[] probe,
			TransformerPass.Result clean, float[][] candidates, int target, double margin) {
		int layers = clean.layers().size();
		int perLayer = transformers.limits().maxMarginScan() / layers;
		List<Similarity.NeuronEffect> effects = new ArrayList<>();
		for (int l = 0; l < layers; l++) {
			float[] means = meanOverTokens(clean.layers().get(l).neurons());
			for (Trace.NeuronValue candidate : Traces.top(means, Math.min(perLayer, means.length))) {
				TransformerPass.Result pass = TransformerPass.run(model.weights(), List.of(probe),
						List.of(new Ablation(l, new int[] { candidate.neuron() })));
				double changed = margin(cosines(embedding(pass), candidates), target);
				effects.add(new Similarity.NeuronEffect(l, candidate.neuron(), candidate.activation(), margin,
						changed - margin));
			}
		}
		effects.sort(Comparator.comparingDouble((Similarity.NeuronEffect e) -> -Math.abs(e.marginChange())));
		return List.copyOf(effects.subList(0, Math.min(MOVERS, effects.size())));
	}

	private static float[] meanOverTokens(FloatMatrix neurons) {
		float[] values = neurons.toArray();
		float[] means = new float[neurons.cols()];
		for (int t = 0; t < neurons.rows(); t++) {
			for (int n = 0; n < means.length; n++) {
				means[n] += values[t * means.length + n] / neurons.rows();
			}
		}
		return means;
	}

	private static float[] embedding(TransformerPass.Result pass) {
		return SentenceEmbeddings.meanPooled(pass.hidden(), pass.lengths())[0];
	}

	private static double[] cosines(float[] probe, float[][] candidates) {
		double[] out = new double[candidates.length];
		for (int c = 0; c < candidates.length; c++) {
			out[c] = SentenceEmbeddings.cosine(probe, candidates[c]);
		}
		return out;
	}

	/** The target's cosine minus the best other candidate's. */
	static double margin(double[] cosines, int target) {
		double best = Double.NEGATIVE_INFINITY;
		for (int c = 0; c < cosines.length; c++) {
			if (c != target) {
				best = Math.max(best, cosines[c]);
			}
		}
		return cosines[target] - best;
	}

}
