package dev.factlab.mlp;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import dev.factlab.errors.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * Which neurons fire for which tokens. A neuron is active when its value after the
 * activation is positive.
 */
@Service
public class ActivationReports {

	static final int DEFAULT_TOP_K = 5;

	private final ForwardPasses passes;

	private final MlpLimits limits;

	ActivationReports(ForwardPasses passes, MlpLimits limits) {
		this.passes = passes;
		this.limits = limits;
	}

	/** A neuron's value for one token. */
	public record NeuronValue(@Schema(description = "Neuron index", example = "0") int neuron,
			@Schema(description = "Its value after the activation", example = "1.0") float value,
			@Schema(description = "Its label, when the model has neuron labels",
					example = "Michael Jordan") String label) {
	}

	/** One token's activity: how many neurons fire and the strongest ones. */
	public record TokenActivity(@Schema(description = "Token index in the request", example = "0") int index,
			@Schema(description = "The named directions it was built from, or #index for a raw vector",
					example = "first:Michael + last:Jordan") String label,
			@Schema(description = "Neurons with a positive value", example = "1") int activeCount,
			@Schema(description = "activeCount / neurons", example = "0.5") double activeFraction,
			@Schema(description = "The topK strongest neurons, strongest first") List<NeuronValue> top) {
	}

	/**
	 * One neuron across the tokens, in Neuronpedia's shape ({@code values[]} aligned with
	 * {@code tokens[]}).
	 */
	public record NeuronTrace(@Schema(description = "The traced neuron", example = "0") int neuron,
			@Schema(description = "Its label", example = "Michael Jordan") String label,
			@Schema(description = "Token labels, aligned with values") List<String> tokens,
			@Schema(description = "The neuron value for each token", example = "[1.0, 0.0, 0.0]") float[] values,
			@Schema(description = "The largest value", example = "1.0") float maxValue,
			@Schema(description = "Index of the token with the largest value (the first on ties)",
					example = "0") int maxValueIndex) {
	}

	public record Report(MlpModel model, int topK, List<TokenActivity> tokens, NeuronTrace neuron) {
	}

	/**
	 * Validates and computes with the model that {@code modelId} names when the call
	 * starts: a concurrent delete and re-create under the same id changes neither.
	 * @param topK strongest neurons per token, 1 to min(neurons, maxTopK); null for
	 * min(5, neurons)
	 * @param neuron a neuron to trace across the tokens, or null
	 */
	public Report report(String modelId, List<TokenInput> tokens, Integer topK, Integer neuron) {
		try (ModelCatalog.Lease lease = passes.lease(modelId)) {
			return report(lease.model(), tokens, topK, neuron);
		}
	}

	private Report report(MlpModel model, List<TokenInput> tokens, Integer topK, Integer neuron) {
		int neurons = model.weights().neurons();
		int maxTopK = Math.min(neurons, limits.maxTopK());
		int k = topK == null ? Math.min(DEFAULT_TOP_K, maxTopK) : topK;
		if (k < 1 || k > maxTopK) {
			throw new InvalidInputException("topK out of range",
					"topK must be between 1 and %d (%s) but was %d".formatted(maxTopK,
							maxTopK == neurons ? "the neurons of model '" + model.id() + "'" : "factlab.mlp.max-top-k",
							k));
		}
		if (neuron != null && (neuron < 0 || neuron >= neurons)) {
			throw new InvalidInputException("Neuron out of range",
					"neuron must be between 0 and %d (model '%s' has %d neurons) but was %d".formatted(neurons - 1,
							model.id(), neurons, neuron));
		}
		ForwardPasses.Neurons result = passes.neurons(model, tokens);
		float[] values = result.values();
		List<TokenActivity> activity = new ArrayList<>(result.labels().size());
		for (int t = 0; t < result.labels().size(); t++) {
			activity.add(tokenActivity(model, t, result.labels().get(t), values, t * neurons, neurons, k));
		}
		NeuronTrace trace = neuron == null ? null : trace(model, neuron, result.labels(), values);
		return new Report(model, k, activity, trace);
	}

	private static TokenActivity tokenActivity(MlpModel model, int t, String label, float[] values, int offset,
			int neurons, int k) {
		int active = 0;
		PriorityQueue<Integer> top = new PriorityQueue<>(k + 1,
				(a, b) -> a.equals(b) ? 0 : values[offset + a] != values[offset + b]
						? Float.compare(values[offset + a], values[offset + b]) : Integer.compare(b, a));
		for (int i = 0; i < neurons; i++) {
			if (values[offset + i] > 0) {
				active++;
			}
			top.add(i);
			if (top.size() > k) {
				top.poll();
			}
		}
		List<NeuronValue> strongest = new ArrayList<>(k);
		while (!top.isEmpty()) {
			int i = top.poll();
			strongest.add(0, new NeuronValue(i, values[offset + i], model.neuronLabel(i)));
		}
		return new TokenActivity(t, label, active, (double) active / neurons, strongest);
	}

	private static NeuronTrace trace(MlpModel model, int neuron, List<String> labels, float[] values) {
		int neurons = model.weights().neurons();
		float[] column = new float[labels.size()];
		int maxIndex = 0;
		for (int t = 0; t < column.length; t++) {
			column[t] = values[t * neurons + neuron];
			if (column[t] > column[maxIndex]) {
				maxIndex = t;
			}
		}
		return new NeuronTrace(neuron, model.neuronLabel(neuron), labels, column, column[maxIndex], maxIndex);
	}

}
