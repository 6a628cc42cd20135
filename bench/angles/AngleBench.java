import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.factlab.angles.AngleExperiment;
import dev.factlab.angles.AngleLimits;
import dev.factlab.angles.AngleLoss;
import dev.factlab.angles.AngleOptimiser;
import dev.factlab.angles.AngleRunResult;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.HistogramRange;

/**
 * Benchmarks of the angle experiment through its public API, launched by run.sh (a single-file program: java runs it
 * from source against target/classes). Modes:
 * <ul>
 * <li>{@code step N D STEPS}: a lesson run of 3 warm-up + STEPS steps; median step time over the STEPS, then the
 * median of 5 angle measurements of the result (all N(N−1)/2 pairs, both histograms).</li>
 * <li>{@code tiles N D STEPS T...}: the same step timing (wall and CPU) for each tile size T.</li>
 * <li>{@code blas}: OpenBLAS's thread setting as the angle runs use it, measured on a 2000³ GEMM, and its value during
 * and after a run.</li>
 * <li>{@code big N D STEPS}: a few steps at a large N with the peak resident memory (VmHWM).</li>
 * <li>{@code full LOSS [LR]}: the full 10,000 × 100, 250-step run with before/after statistics.</li>
 * </ul>
 */
public class AngleBench {

	public static void main(String[] args) throws IOException {
		Locale.setDefault(Locale.ROOT);
		AngleOptimiser optimiser = AngleOptimiser.withDefaults();
		switch (args[0]) {
			case "step" -> step(optimiser, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "blas" -> blas(optimiser);
			case "tiles" -> {
				for (int i = 4; i < args.length; i++) {
					step(new AngleOptimiser(AngleLimits.DEFAULT, AngleOptimiser.DEFAULT_WORKERS, Integer.parseInt(args[i])),
							Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
				}
			}
			case "big" -> big(optimiser, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "full" -> full(optimiser, AngleLoss.valueOf(args[1]), (args.length > 2) ? Double.parseDouble(args[2]) : 0.01);
			default -> throw new IllegalArgumentException("mode: step | tiles | blas | big | full");
		}
	}

	static void step(AngleOptimiser optimiser, int n, int d, int steps) {
		int warmUp = 3;
		// CPU time per step shows what the step costs when other processes share the cores.
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		double[] cpu = new double[warmUp + steps + 1];
		AngleRunResult run = optimiser.run(AngleExperiment.lesson(n, d, 0).withSteps(warmUp + steps),
				p -> cpu[p.step()] = os.getProcessCpuTime() / 1e9);
		double[] cpuPerStep = new double[steps];
		for (int i = 0; i < steps; i++) {
			cpuPerStep[i] = cpu[warmUp + i + 1] - cpu[warmUp + i];
		}
		double[] measured = Arrays.copyOfRange(run.timings().stepSeconds(), warmUp, warmUp + steps);
		double[] histogram = new double[5];
		for (int i = 0; i < histogram.length; i++) {
			long start = System.nanoTime();
			optimiser.measure(run.vectors(), n, d, HistogramRange.FULL, HistogramRange.LESSON_ZOOM);
			histogram[i] = (System.nanoTime() - start) / 1e9;
		}
		System.out.printf("java step: %s; N=%d D=%d; median of %d steps %.3f s (min %.3f, max %.3f; CPU %.3f s); "
				+ "histogram of %d pairs median of 5: %.3f s (min %.3f); first histogram (cold) %.3f s%n", run.kernel(), n,
				d, steps, median(measured), Arrays.stream(measured).min().orElseThrow(),
				Arrays.stream(measured).max().orElseThrow(), median(cpuPerStep), (long) n * (n - 1) / 2,
				median(histogram), Arrays.stream(histogram).min().orElseThrow(), run.timings().histogramBeforeSeconds());
	}

	static void blas(AngleOptimiser optimiser) {
		var blas = Nd4j.factory().blas();
		int before = blas.getMaxThreads();
		INDArray a = Nd4j.rand(DataType.FLOAT, 2000, 2000);
		INDArray c = Nd4j.create(DataType.FLOAT, 2000, 2000);
		for (int threads : new int[] { before, 1, before }) {
			blas.setMaxThreads(threads);
			for (int i = 0; i < 3; i++) {
				Nd4j.gemm(a, a, c, false, false, 1.0, 0.0);
			}
			double[] seconds = new double[7];
			for (int i = 0; i < seconds.length; i++) {
				long start = System.nanoTime();
				Nd4j.gemm(a, a, c, false, false, 1.0, 0.0);
				seconds[i] = (System.nanoTime() - start) / 1e9;
			}
			System.out.printf("blas: Nd4j.factory().blas().setMaxThreads(%d) -> getMaxThreads() = %d; 2000^3 sgemm median "
					+ "%.1f ms = %.0f GFLOPS%n", threads, blas.getMaxThreads(), median(seconds) * 1e3,
					2.0 * 2000 * 2000 * 2000 / median(seconds) / 1e9);
		}
		blas.setMaxThreads(before);
		int[] during = new int[1];
		optimiser.run(AngleExperiment.lesson(2_000, 100, 0).withSteps(1), p -> during[0] = blas.getMaxThreads());
		System.out.printf("blas: threads before a run %d, during it %d, after it %d%n", before, during[0],
				blas.getMaxThreads());
	}

	static void big(AngleOptimiser optimiser, int n, int d, int steps) throws IOException {
		AngleRunResult run = optimiser.run(AngleExperiment.lesson(n, d, 0).withSteps(steps), p -> System.out
			.printf("big: step %d of %d, loss %.6g, %.1f s since the first step%n", p.step(), p.steps(), p.loss(),
					p.elapsed().toMillis() / 1e3));
		System.out.printf("big: %s; N=%d D=%d; steps %s s; histograms %.1f s before, %.1f s after (%d pairs); %s; %s%n",
				run.kernel(), n, d, Arrays.toString(run.timings().stepSeconds()), run.timings().histogramBeforeSeconds(),
				run.timings().histogramAfterSeconds(), run.after().pairs(), memory("VmHWM"), memory("VmRSS"));
	}

	static void full(AngleOptimiser optimiser, AngleLoss loss, double learningRate) {
		AngleExperiment experiment = AngleExperiment.lesson().withLoss(loss).withLearningRate(learningRate);
		AngleRunResult run = optimiser.run(experiment, p -> {
			if (p.step() % 50 == 0) {
				System.out.printf("full: step %d, loss %.6g, %.0f s%n", p.step(), p.loss(), p.elapsed().toMillis() / 1e3);
			}
		});
		System.out.printf("full: %s, lr %s, %d steps, %s; median step %.3f s, optimise %.1f s%n", loss, learningRate,
				experiment.steps(), run.kernel(), run.timings().medianStepSeconds(), run.timings().optimiseSeconds());
		print("before", run.before());
		print("after", run.after());
		double[] curve = run.lossCurve();
		System.out.printf("full: loss first %.6g, at 50 %.6g, 100 %.6g, 200 %.6g, last %.6g%n", curve[0], curve[49],
				curve[99], curve[199], curve[curve.length - 1]);
	}

	static void print(String label, AngleStatistics s) {
		System.out.printf("full %s: min %.3f max %.3f mean %.4f std %.4f | within 1° %.4f, 5° %.4f | near-parallel %d "
				+ "(%.4f) | quantiles %s | norms %.5f..%.5f | zoom below %d above %d%n", label, s.minDegrees(),
				s.maxDegrees(), s.meanDegrees(), s.stdDegrees(), s.within1Degree(), s.within5Degrees(),
				s.nearParallelPairs(), s.nearParallelFraction(),
				s.quantiles().stream().map(q -> "%s%%=%.3f".formatted(q.level() * 100, q.degrees())).toList(), s.minNorm(),
				s.maxNorm(), s.zoom().below(), s.zoom().above());
	}

	static String memory(String field) throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(line -> line.startsWith(field + ":"))
			.findFirst()
			.orElse(field + ": ?")
			.replaceAll("\\s+", " ");
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
