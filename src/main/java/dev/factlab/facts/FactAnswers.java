package dev.factlab.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** Turns a batch's activations and scores into {@link QueryAnswer}s. */
final class FactAnswers {

	/** Names ranked in an answer beyond the stored attributes. */
	static final int EXTRA_RANKED = 4;

	private FactAnswers() {
	}

	static List<QueryAnswer> answer(FactSet set, List<List<String>> subjects) {
		FactRecall.Batch batch = FactRecall.run(set.model().weights(), set.space(), subjects);
		FeatureSpace space = set.space();
		float[] activations = new float[set.facts().size()];
		float[] scores = new float[space.size()];
		List<QueryAnswer> answers = new ArrayList<>(subjects.size());
		for (int b = 0; b < subjects.size(); b++) {
			batch.activations().readRow(b, activations);
			batch.scores().readRow(b, scores);
			int neuron = set.neuronOf(subjects.get(b));
			List<String> stored = neuron < 0 ? List.of() : set.facts().get(neuron).attributes();
			int[] storedRows = stored.stream().mapToInt(space::require).toArray();
			FactRecall.RowSummary summary = FactRecall.RowSummary.of(scores, storedRows);
			List<QueryAnswer.Score> ranked = top(space, scores, stored.size() + EXTRA_RANKED, Float.NEGATIVE_INFINITY);
			List<QueryAnswer.Score> recovered = top(space, scores, stored.size() + EXTRA_RANKED + 1,
					FactCompiler.FIRE_THRESHOLD);
			Set<String> recoveredNames = new HashSet<>();
			recovered.forEach(s -> recoveredNames.add(s.name()));
			boolean exact = recoveredNames.equals(new HashSet<>(stored));
			List<QueryAnswer.Fired> fired = new ArrayList<>();
			for (int n = 0; n < activations.length; n++) {
				if (activations[n] > FactCompiler.FIRE_THRESHOLD) {
					fired.add(new QueryAnswer.Fired(n, set.facts().get(n).label(), activations[n]));
				}
			}
			answers.add(new QueryAnswer(List.copyOf(subjects.get(b)), stored, ranked, recovered, exact, fired,
					summary.noiseRow() < 0 ? 0 : summary.noise(),
					summary.noiseRow() < 0 ? null : space.names().get(summary.noiseRow())));
		}
		return answers;
	}

	/** The {@code count} best scores above {@code floor}, largest first. */
	static List<QueryAnswer.Score> top(FeatureSpace space, float[] scores, int count, float floor) {
		PriorityQueue<Integer> best = new PriorityQueue<>(Comparator.comparingDouble(i -> scores[i]));
		for (int n = 0; n < scores.length; n++) {
			if (scores[n] > floor && (best.size() < count || scores[n] > scores[best.peek()])) {
				best.add(n);
				if (best.size() > count) {
					best.poll();
				}
			}
		}
		List<QueryAnswer.Score> out = new ArrayList<>();
		while (!best.isEmpty()) {
			int n = best.poll();
			out.add(0, new QueryAnswer.Score(space.names().get(n), scores[n]));
		}
		return out;
	}

}
