package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.tensor.FloatMatrix;

import org.springframework.stereotype.Service;

/**
 * Traces a text through a transformer: per layer and token the most active MLP neurons,
 * the MLP output's norm and the residual norm, optionally with neurons ablated.
 */
@Service
public class Traces {

	private final Transformers transformers;

	Traces(Transformers transformers) {
		this.transformers = transformers;
	}

	/**
	 * @param ablations neurons to zero, possibly none
	 * @throws InvalidInputException empty text, bad topK, unknown layer or neuron
	 */
	public Trace trace(String id, String text, int topK, List<Ablation> ablations) {
		Transformers.Loaded model = transformers.load(id);
		checkTopK(topK, model.weights().neurons());
		checkAblations(ablations);
		var encoding = transformers.tokenize(model, "text", text);
		List<int[]> sequence = List.of(encoding.ids());
		TransformerPass.Result result = model.run(sequence, ablations);
		Trace.EmbeddingChange change = null;
		if (!ablations.isEmpty()) {
			TransformerPass.Result clean = model.run(sequence, List.of());
			float[] a = SentenceEmbeddings.meanPooled(clean.hidden(), clean.lengths())[0];
			float[] b = SentenceEmbeddings.meanPooled(result.hidden(), result.lengths())[0];
			change = new Trace.EmbeddingChange(SentenceEmbeddings.cosine(a, b), distance(a, b));
		}
		List<Trace.Token> tokens = new ArrayList<>();
		for (int t = 0; t < encoding.ids().length; t++) {
			tokens.add(new Trace.Token(t, encoding.ids()[t], encoding.pieces().get(t)));
		}
		List<Trace.LayerNeurons> layers = new ArrayList<>();
		for (int l = 0; l < result.layers().size(); l++) {
			layers.add(layer(l, result.layers().get(l), topK));
		}
		return new Trace(id, tokens, layers, change);
	}

	void checkTopK(int topK, int neurons) {
		int max = Math.min(transformers.limits().maxTopK(), neurons);
		if (topK < 1 || topK > max) {
			throw new InvalidInputException("Invalid topK",
					"topK must be between 1 and %d but was %d".formatted(max, topK));
		}
	}

	void checkAblations(List<Ablation> ablations) {
		long count = ablations.stream().mapToLong(a -> a.neurons().length).sum();
		if (count > transformers.limits().maxAblatedNeurons()) {
			throw new LimitExceededException("ablated neurons", transformers.limits().maxAblatedNeurons(), count,
					"neurons");
		}
	}

	private static Trace.LayerNeurons layer(int l, LayerTrace trace, int topK) {
		List<Trace.TokenNeurons> tokens = new ArrayList<>();
		FloatMatrix neurons = trace.neurons();
		for (int t = 0; t < neurons.rows(); t++) {
			float[] row = neurons.row(t);
			tokens.add(new Trace.TokenNeurons(t, top(row, topK), norm(trace.mlpOut().row(t)),
					norm(trace.output().row(t))));
		}
		return new Trace.LayerNeurons(l, tokens);
	}

	/** The k largest values, largest first (ties: lower index first). */
	static List<Trace.NeuronValue> top(float[] values, int k) {
		Integer[] order = new Integer[values.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (x, y) -> Float.compare(values[y], values[x]));
		List<Trace.NeuronValue> out = new ArrayList<>(k);
		for (int i = 0; i < k; i++) {
			out.add(new Trace.NeuronValue(order[i], values[order[i]]));
		}
		return out;
	}

	static double norm(float[] v) {
		double s = 0;
		for (float x : v) {
			s += (double) x * x;
		}
		return Math.sqrt(s);
	}

	private static double distance(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = (double) a[i] - b[i];
			s += d * d;
		}
		return Math.sqrt(s);
	}

}
