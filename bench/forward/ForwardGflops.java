import java.util.Arrays;

import dev.factlab.mlp.MlpBlock;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;
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
		// W_down neuron by neuron (column-major), as the service's `random` models make it; the row-major one it
		// replaced is timed against it below.
		FloatMatrix wDown = FloatMatrix.randomNormalByColumns(dModel, neurons, 0.02, 3);
		FloatMatrix wDownRowMajor = FloatMatrix.randomNormal(dModel, neurons, 0.02, 3);
		System.out.printf("shape: tokens=%d dModel=%d neurons=%d, %.1f GFLOP per pass (2 GEMMs), threads=%d%n", tokens,
				dModel, neurons, flop / 1e9, Nd4j.getEnvironment().maxThreads());
		// ReLU and GELU passes alternate, so that a change of load hits both; the ratio is taken per round.
		MlpWeights relu = new MlpWeights(wUp, new float[neurons], wDown, new float[dModel], Activation.RELU);
		MlpWeights gelu = new MlpWeights(wUp, new float[neurons], wDown, new float[dModel], Activation.GELU);
		Workspace reluWorkspace = new Workspace();
		Workspace geluWorkspace = new Workspace();
		double[][] alternated = alternate(repeats, () -> MlpBlock.forward(relu, e, reluWorkspace),
				() -> MlpBlock.forward(gelu, e, geluWorkspace));
		report("MlpBlock.forward relu", alternated[0], flop);
		report("MlpBlock.forward gelu", alternated[1], flop);
		System.out.printf("%-40s median of per-round ratios %.3f%n", "gelu pass / relu pass", medianRatio(alternated));
		MlpWeights reluRows = new MlpWeights(wUp, new float[neurons], wDownRowMajor, new float[dModel],
				Activation.RELU);
		Workspace rowsWorkspace = new Workspace();
		double[][] layouts = alternate(repeats, () -> MlpBlock.forward(relu, e, reluWorkspace),
				() -> MlpBlock.forward(reluRows, e, rowsWorkspace));
		report("relu, W_down column-major", layouts[0], flop);
		report("relu, W_down row-major (before)", layouts[1], flop);
		System.out.printf("%-40s median of per-round ratios %.3f%n", "column-major / row-major W_down",
				medianRatio(layouts));
		FloatMatrix pre = TensorOps.affine(e, wUp, null);
		Workspace activations = new Workspace();
		double[][] alone = alternate(repeats, () -> TensorOps.activate(pre, Activation.RELU, activations, "relu"),
				() -> TensorOps.activate(pre, Activation.GELU, activations, "gelu"));
		System.out.printf("%-40s relu median %.1f ms, gelu median %.1f ms (%d x %d values)%n",
				"activation pass alone", median(alone[0]) * 1e3, median(alone[1]) * 1e3, tokens, neurons);
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

	/** Runs a then b, {@code repeats} times after 3 warm-up rounds: [a's seconds, b's seconds]. */
	static double[][] alternate(int repeats, Pass a, Pass b) {
		double[][] seconds = new double[2][repeats];
		for (int i = -3; i < repeats; i++) {
			Pass[] passes = { a, b };
			for (int p = 0; p < 2; p++) {
				long start = System.nanoTime();
				passes[p].run();
				if (i >= 0) {
					seconds[p][i] = (System.nanoTime() - start) / 1e9;
				}
			}
		}
		return seconds;
	}

	static double medianRatio(double[][] pairs) {
		double[] ratios = new double[pairs[0].length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = pairs[1][i] / pairs[0][i];
		}
		return median(ratios);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static void report(String what, double[] seconds, double flop) {
		double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		double median = sorted[sorted.length / 2];
		System.out.printf("%-40s median %.3f s  min %.3f s  max %.3f s  -> %.0f GFLOPS (median), %.0f (best)%n", what,
				median, sorted[0], sorted[sorted.length - 1], flop / median / 1e9, flop / sorted[0] / 1e9);
	}

}
