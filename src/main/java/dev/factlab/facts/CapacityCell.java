package dev.factlab.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;

/**
 * One (D, F) cell of a capacity sweep: the synthetic facts of {@link CapacitySpec}
 * compiled over {@code vectors}, every fact and its partial subject queried in batches.
 */
public final class CapacityCell {

	static final int BATCH = 512;

	private CapacityCell() {
	}

	/** Bytes a cell holds at once: the weights, the space and a batch's results. */
	static long bytes(int d, int facts, long names) {
		return FactCompiler.bytes(facts, d) + FeatureSpace.bytes(names, d) + 2L * BATCH * (facts + names) * Float.BYTES;
	}

	/**
	 * The names of a cell, in row order: first names, then each later slot, then
	 * attributes.
	 */
	static List<String> names(CapacitySpec spec, int facts) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < spec.firstNamesOf(facts); i++) {
			names.add("first:" + i);
		}
		for (int s = 1; s < spec.subjectArity(); s++) {
			for (int i = 0; i < facts; i++) {
				names.add("s" + s + ":" + i);
			}
		}
		for (int i = 0; i < facts; i++) {
			names.add("attr:" + i);
		}
		return names;
	}

	static List<Fact> facts(CapacitySpec spec, int facts) {
		int first = spec.firstNamesOf(facts);
		List<Fact> out = new ArrayList<>(facts);
		for (int i = 0; i < facts; i++) {
			List<String> subject = new ArrayList<>();
			subject.add("first:" + (i % first));
			for (int s = 1; s < spec.subjectArity(); s++) {
				subject.add("s" + s + ":" + i);
			}
			out.add(new Fact(subject, List.of("attr:" + i)));
		}
		return out;
	}

	/**
	 * Measures a cell.
	 * @param vectors [N, D], unit rows in the order of {@link #names}. Not modified.
	 * @param afterBatch called with the facts done so far (for progress and cancellation)
	 */
	public static CapacityPoint measure(CapacitySpec spec, int facts, FloatMatrix vectors, IntConsumer afterBatch) {
		long start = System.nanoTime();
		List<String> names = names(spec, facts);
		FeatureSpace space = FeatureSpace.of("capacity", SpaceKind.RANDOM, names, vectors, null, null, Instant.EPOCH);
		List<Fact> all = facts(spec, facts);
		MlpWeights weights = FactCompiler.compile(space, all, Activation.RELU);
		double[] noise = new double[facts];
		long recalled = 0;
		long exact = 0;
		long partialFires = 0;
		double signal = 0;
		boolean partials = spec.subjectArity() > 1;
		float[] scores = new float[names.size()];
		float[] activations = new float[facts];
		for (int from = 0; from < facts; from += BATCH) {
			int to = Math.min(facts, from + BATCH);
			List<List<String>> subjects = new ArrayList<>();
			for (int i = from; i < to; i++) {
				subjects.add(all.get(i).subject());
			}
			FactRecall.Batch batch = FactRecall.run(weights, space, subjects);
			for (int i = from; i < to; i++) {
				batch.scores().readRow(i - from, scores);
				int attr = space.require(all.get(i).attributes().get(0));
				FactRecall.RowSummary row = FactRecall.RowSummary.of(scores, new int[] { attr });
				noise[i] = row.noise();
				signal += scores[attr];
				recalled += row.best() == attr ? 1 : 0;
				exact += scores[attr] > FactCompiler.FIRE_THRESHOLD && row.noise() <= FactCompiler.FIRE_THRESHOLD ? 1
						: 0;
			}
			if (partials) {
				List<List<String>> partial = subjects.stream().map(s -> s.subList(0, s.size() - 1)).toList();
				FactRecall.Batch dropped = FactRecall.run(weights, space, partial);
				for (int b = 0; b < partial.size(); b++) {
					dropped.activations().readRow(b, activations);
					for (float a : activations) {
						if (a > FactCompiler.FIRE_THRESHOLD) {
							partialFires++;
							break;
						}
					}
				}
			}
			afterBatch.accept(to);
		}
		Arrays.sort(noise);
		double noiseMean = Arrays.stream(noise).average().orElse(0);
		return new CapacityPoint(vectors.cols(), facts, names.size(), (double) facts / vectors.cols(),
				(double) recalled / facts, (double) exact / facts, partials ? (double) partialFires / facts : null,
				noiseMean, quantile(noise, 0.5), quantile(noise, 0.99), noise[facts - 1], signal / facts,
				(System.nanoTime() - start) / 1e9);
	}

	/** Nearest-rank quantile of sorted values. */
	static double quantile(double[] sorted, double level) {
		int rank = (int) Math.ceil(level * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
	}

}
