import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.factlab.angles.AngleExperiment;
import dev.factlab.angles.AngleOptimiser;
import dev.factlab.angles.AngleRunResult;
import dev.factlab.angles.StepListener;
import dev.factlab.mlp.MlpBlock;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.BlasThreads;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.Workspace;

/**
 * Issue 8.1's measurement, in one JVM: a 512-token forward pass through a 4,096 x 16,384 block (ReLU) alone, an angle
 * job's step (10,000 x 100, lesson loss) alone, then both at once: forward passes back to back for as long as the job
 * runs. Prints medians side by side, and the BLAS threads each forward pass saw. Run by bench/concurrent/run.sh.
 */
public class ForwardDuringAngles {

	public static void main(String[] args) throws Exception {
		int steps = args.length > 0 ? Integer.parseInt(args[0]) : 12;
		int passes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
		FloatMatrix e = FloatMatrix.randomNormal(512, 4096, 1, 1);
		MlpWeights w = new MlpWeights(FloatMatrix.randomNormal(16384, 4096, 0.02, 2), new float[16384],
				FloatMatrix.randomNormal(4096, 16384, 0.02, 3), new float[4096], Activation.RELU);
		Workspace workspace = new Workspace();
		AngleOptimiser optimiser = AngleOptimiser.withDefaults();
		AngleExperiment experiment = AngleExperiment.lesson(10_000, 100, 7).withSteps(steps);
		for (int i = 0; i < 3; i++) {
			MlpBlock.forward(w, e, workspace);
		}
		optimiser.run(AngleExperiment.lesson(10_000, 100, 7).withSteps(3), StepListener.NONE);

		List<Double> forwardAlone = new ArrayList<>();
		for (int i = 0; i < passes; i++) {
			forwardAlone.add(timeForward(w, e, workspace, null));
		}
		double stepAlone = optimiser.run(experiment, StepListener.NONE).timings().medianStepSeconds();

		AtomicBoolean done = new AtomicBoolean();
		AngleRunResult[] together = new AngleRunResult[1];
		Thread job = new Thread(() -> {
			together[0] = optimiser.run(experiment, StepListener.NONE);
			done.set(true);
		});
		List<Double> forwardTogether = new ArrayList<>();
		List<Integer> threadsSeen = new ArrayList<>();
		job.start();
		while (!done.get()) {
			forwardTogether.add(timeForward(w, e, workspace, threadsSeen));
		}
		job.join();
		double stepTogether = together[0].timings().medianStepSeconds();

		System.out.printf("concurrent: 512 tokens x 4,096 x 16,384 forward (relu) and angle job 10,000 x 100, %d steps%n",
				steps);
		System.out.printf("concurrent: forward pass alone, median of %d   %.3f s%n", forwardAlone.size(),
				median(forwardAlone));
		System.out.printf("concurrent: forward pass during the job, median of %d   %.3f s (BLAS threads seen: %s)%n",
				forwardTogether.size(), median(forwardTogether), threadsSeen.stream().distinct().toList());
		System.out.printf("concurrent: angle step alone, median   %.3f s%n", stepAlone);
		System.out.printf("concurrent: angle step during forward passes, median   %.3f s%n", stepTogether);
		System.out.printf("concurrent: ratios together/alone: forward %.2f, step %.2f%n",
				median(forwardTogether) / median(forwardAlone), stepTogether / stepAlone);
	}

	static double timeForward(MlpWeights w, FloatMatrix e, Workspace workspace, List<Integer> threadsSeen) {
		long start = System.nanoTime();
		MlpBlock.forward(w, e, workspace);
		double seconds = (System.nanoTime() - start) / 1e9;
		if (threadsSeen != null) {
			BlasThreads.run(BlasThreads.Mode.SHARED, () -> threadsSeen.add(BlasThreads.currentThreads()));
		}
		return seconds;
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int m = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
	}

}
