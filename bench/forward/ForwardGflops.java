import java.util.Arrays;

import dev.factlab.mlp.MlpBlock;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward-pass throughput of the MLP block, in GFLOPS of its two GEMMs (2 · 2 · tokens · dModel · neurons FLOP per
 * pass), beside the same two GEMMs alone into preallocated outputs (this machine's peak for those shapes).
 * Run by bench/forward/run.sh.
 */
public class ForwardGflops {

	public static void main(String[] args) {
		int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 512;
		int dModel = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
		int neurons = args.length > 2 ? Integer.parseInt(args[2]) : 16384;
		int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 10;
		double flop = 2.0 * 2.0 * tokens * dModel * neurons;
		FloatMatrix e = FloatMatrix.randomNormal(tokens, dModel, 1, 1);
		FloatMatrix wUp = FloatMatrix.randomNormal(neurons, dModel, 0.02, 2);
		FloatMatrix wDown = FloatMatrix.randomNormal(dModel, neurons, 0.02, 3);
		System.out.printf("shape: tokens=%d dModel=%d neurons=%d, %.1f GFLOP per pass (2 GEMMs), threads=%d%n", tokens,
				dModel, neurons, flop / 1e9, Nd4j.getEnvironment().maxThreads());
		for (Activation activation : new Activation[] { Activation.RELU, Activation.GELU }) {
			MlpWeights w = new MlpWeights(wUp, new float[neurons], wDown, new float[dModel], activation);
			Workspace workspace = new Workspace();
			double[] seconds = time(repeats, () -> MlpBlock.forward(w, e, workspace));
			report("MlpBlock.forward " + activation.wireName(), seconds, flop);
		}
		float[] bUp = new float[neurons];
		float[] bDown = new float[dModel];
		Arrays.fill(bUp, -0.01f);
		Arrays.fill(bDown, 0.01f);
		MlpWeights biased = new MlpWeights(wUp, bUp, wDown, bDown, Activation.RELU);
		Workspace biasedWorkspace = new Workspace();
		report("MlpBlock.forward relu, nonzero biases",
				time(repeats, () -> MlpBlock.forward(biased, e, biasedWorkspace)), flop);
		INDArray x = Nd4j.rand(DataType.FLOAT, tokens, dModel);
		INDArray up = Nd4j.rand(DataType.FLOAT, neurons, dModel);
		INDArray down = Nd4j.rand(DataType.FLOAT, dModel, neurons);
		INDArray h = Nd4j.createUninitialized(DataType.FLOAT, tokens, neurons);
		INDArray out = Nd4j.createUninitialized(DataType.FLOAT, tokens, dModel);
		double[] gemm = time(repeats, () -> {
			Nd4j.gemm(x, up, h, false, true, 1.0, 0.0);
			Nd4j.gemm(h, down, out, false, true, 1.0, 0.0);
			return null;
		});
		report("2 GEMMs alone, preallocated (peak)", gemm, flop);
	}

	interface Pass {

		Object run();

	}

	static double[] time(int repeats, Pass pass) {
		for (int i = 0; i < 3; i++) {
			pass.run();
		}
		double[] seconds = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			long start = System.nanoTime();
			pass.run();
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		return seconds;
	}

	static void report(String what, double[] seconds, double flop) {
		double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		double median = sorted[sorted.length / 2];
		System.out.printf("%-40s median %.3f s  min %.3f s  max %.3f s  -> %.0f GFLOPS (median), %.0f (best)%n", what,
				median, sorted[0], sorted[sorted.length - 1], flop / median / 1e9, flop / sorted[0] / 1e9);
	}

}
