package dev.factlab.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;

/**
 * How an edit moved the other facts, exactly and without querying them all: only the
 * edited neuron's weights changed, so other fact j's block output moved by
 * {@code a_j · (w_new − w_old)}, where {@code a_j} is the edited neuron's activation on
 * j's subject (its W_up row and bias are the same before and after a change) and w are
 * the neuron's written directions (zero when absent). Its decoded scores moved by
 * {@code a_j · names·(w_new − w_old)}, at most
 * {@code |a_j| · max|names·(w_new − w_old)|}.
 */
final class FactEdits {

	static final int LARGEST = 10;

	private FactEdits() {
	}

	static EditResult added(FactSet before, FactSet after, Fact fact) {
		int neuron = after.facts().size() - 1;
		return new EditResult("added", fact, null, neuron, after.facts().size(),
				others(after, neuron, fact.subject(), null, fact.attributes()));
	}

	static EditResult changed(FactSet before, FactSet after, Fact previous, Fact fact, int neuron) {
		return new EditResult("changed", fact, previous, neuron, after.facts().size(),
				others(after, neuron, fact.subject(), previous.attributes(), fact.attributes()));
	}

	static EditResult removed(FactSet before, FactSet after, Fact fact, int neuron) {
		return new EditResult("removed", fact, null, neuron, after.facts().size(),
				others(after, -1, fact.subject(), fact.attributes(), null));
	}

	/**
	 * @param set the model after the edit
	 * @param skip the edited fact's neuron in {@code set}, or -1 when it is gone
	 */
	private static EditResult.OtherFacts others(FactSet set, int skip, List<String> subject, List<String> oldWrites,
			List<String> newWrites) {
		FeatureSpace space = set.space();
		float[] reads = sum(space, subject);
		float[] writeChange = sum(space, newWrites == null ? List.of() : newWrites);
		float[] old = sum(space, oldWrites == null ? List.of() : oldWrites);
		for (int c = 0; c < writeChange.length; c++) {
			writeChange[c] -= old[c];
		}
		float[] readScores = dots(space, reads);
		float[] changeScores = dots(space, writeChange);
		double maxChange = 0;
		for (float v : changeScores) {
			maxChange = Math.max(maxChange, Math.abs(v));
		}
		Activation activation = set.activation();
		float bias = FactCompiler.bias(subject.size());
		List<EditResult.Moved> moved = new ArrayList<>();
		double largest = 0;
		for (int j = 0; j < set.facts().size(); j++) {
			if (j == skip) {
				continue;
			}
			double pre = bias;
			for (String name : set.facts().get(j).subject()) {
				pre += readScores[space.require(name)];
			}
			double change = Math.abs(activation.apply(pre)) * maxChange;
			if (change > 0) {
				moved.add(new EditResult.Moved(set.facts().get(j).label(), j, change));
				largest = Math.max(largest, change);
			}
		}
		moved.sort(Comparator.comparingDouble(EditResult.Moved::maxScoreChange).reversed());
		int checked = set.facts().size() - (skip >= 0 ? 1 : 0);
		return new EditResult.OtherFacts(checked, moved.size(), largest,
				List.copyOf(moved.subList(0, Math.min(LARGEST, moved.size()))));
	}

	private static float[] sum(FeatureSpace space, List<String> names) {
		float[] out = new float[space.dimensions()];
		FactCompiler.sum(space, names, new float[space.dimensions()], out);
		return out;
	}

	/**
	 * @return [names]: each name's direction dotted with {@code vector}
	 */
	private static float[] dots(FeatureSpace space, float[] vector) {
		return TensorOps.affine(space.vectors(), FloatMatrix.of(1, vector.length, vector), null).toArray();
	}

}
