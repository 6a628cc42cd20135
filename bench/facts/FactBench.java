import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.factlab.facts.Fact;
import dev.factlab.facts.FactCompiler;
import dev.factlab.facts.FactRecall;
import dev.factlab.facts.FeatureSpace;
import dev.factlab.facts.SpaceDirections;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;

/**
 * Facts query throughput against the GEMM bound, in one run: F facts (two-name subjects, one attribute) over N
 * random names in D dimensions, queried in batches; the bound is the same three products (up, down, decode) on
 * the same shapes without anything else. usage: FactBench [facts D batch repeats]
 */
public class FactBench {

	public static void main(String[] args) throws Exception {
		int facts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int d = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
		int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
		int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
		int half = facts / 2;
		List<String> names = new ArrayList<>();
		for (int i = 0; i < half; i++) {
			names.add("s:" + i);
		}
		for (int i = 0; i < facts - half; i++) {
			names.add("a:" + i);
		}
		java.util.Map<String, Integer> index = new java.util.HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			index.put(names.get(i), i);
		}
		FeatureSpace space = new FeatureSpace("bench", dev.factlab.facts.SpaceKind.RANDOM, names,
				SpaceDirections.random(names.size(), d, 1), 1L, null, java.time.Instant.now(), index);
		List<Fact> all = new ArrayList<>(facts);
		for (int i = 0; i < facts; i++) {
			int a = i % half;
			int b = (a + 1 + i / half) % half;
			all.add(new Fact(List.of("s:" + a, "s:" + b), List.of("a:" + (i % (facts - half)))));
		}
		System.gc();
		long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
		long offBefore = dev.factlab.tensor.OffHeap.usedBytes();
		long t0 = System.nanoTime();
		MlpWeights weights = FactCompiler.compile(space, all, Activation.RELU);
		double compileSeconds = (System.nanoTime() - t0) / 1e9;
		long offAfter = dev.factlab.tensor.OffHeap.usedBytes();
		System.out.printf("compile: %,d facts over D=%d in %.2f s; weights %,d bytes; off-heap grew %,d bytes%n", facts, d,
				compileSeconds, weights.bytes(), offAfter - offBefore);
		List<List<String>> subjects = new ArrayList<>();
		for (int i = 0; i < batch; i++) {
			subjects.add(all.get((int) ((long) i * 7919 % facts)).subject());
		}
		FloatMatrix x = FloatMatrix.randomNormal(batch, d, 1, 2);
		FloatMatrix h = FloatMatrix.randomNormal(batch, facts, 1, 3);
		double[] query = new double[repeats];
		double[] gemm = new double[repeats];
		FactRecall.run(weights, space, subjects);
		for (int r = 0; r < repeats; r++) {
			long s = System.nanoTime();
			FactRecall.run(weights, space, subjects);
			query[r] = (System.nanoTime() - s) / 1e9;
			s = System.nanoTime();
			TensorOps.affine(x, weights.wUp(), null);
			TensorOps.affine(h, weights.wDown(), null);
			TensorOps.affine(x, space.vectors(), null);
			gemm[r] = (System.nanoTime() - s) / 1e9;
		}
		Arrays.sort(query);
		Arrays.sort(gemm);
		double q = query[repeats / 2];
		double g = gemm[repeats / 2];
		double flops = 2.0 * batch * d * (2.0 * facts + names.size());
		System.out.printf("%-28s %12s %14s %10s%n", "batch " + batch, "median s", "queries/s", "GFLOPS");
		System.out.printf("%-28s %12.4f %14.0f %10.1f%n", "query path (FactRecall)", q, batch / q, flops / q / 1e9);
		System.out.printf("%-28s %12.4f %14.0f %10.1f%n", "GEMM bound (3 products)", g, batch / g, flops / g / 1e9);
		System.out.printf("ratio query / bound: %.1f%% (target >= 70%%)%n", 100 * g / q);
		System.out.printf("heap before compile %,d bytes%n", heapBefore);
	}

}
