package dev.factlab.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.factlab.mlp.MlpModel;
import dev.factlab.tensor.Activation;

/**
 * A fact model: its facts (fact i is neuron i), the space it was compiled over, and the
 * catalog model that holds the weights.
 */
public record FactSet(MlpModel model, FeatureSpace space, List<Fact> facts, Activation activation,
		Map<String, Integer> byKey) {

	static FactSet of(MlpModel model, FeatureSpace space, List<Fact> facts, Activation activation) {
		Map<String, Integer> byKey = new HashMap<>();
		for (int i = 0; i < facts.size(); i++) {
			byKey.put(facts.get(i).key(), i);
		}
		return new FactSet(model, space, List.copyOf(facts), activation, Map.copyOf(byKey));
	}

	public String id() {
		return model.id();
	}

	/**
	 * @return the neuron of the fact whose subject is {@code subject}, or -1
	 */
	public int neuronOf(List<String> subject) {
		return byKey.getOrDefault(new Fact(subject, List.of()).key(), -1);
	}

}
