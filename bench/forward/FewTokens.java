import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import dev.factlab.mlp.MlpBlock;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.TensorOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Few-token forward passes through a ReLU block (default GPT-3's 12,288 x 49,152), in process: the
 * read-bandwidth probes (both cores summing a 1 GiB direct buffer, one and eight read streams per core), the time to create the block with the seeded
 * generator, and the median pass for 1, 2, 4, 8 and 16 tokens through the few-token kernel (the default) and
 * through ND4J's GEMM (the path before it), and GELU's (no zero neurons) through the few-token kernel. W_down is
 * made neuron by neuron (column-major), as `random` models are. Prints one JSON line last, for bench/forward/few_tokens.sh.
 */
public class FewTokens {

	static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	public static void main(String[] args) throws Exception {
		int dModel = args.length > 0 ? Integer.parseInt(args[0]) : 12288;
		int neurons = args.length > 1 ? Integer.parseInt(args[1]) : 4 * dModel;
		int repeats = 7;
		Map<String, Object> out = new LinkedHashMap<>();
		Map<String, Double> bandwidths = readBandwidths();
		// The bound uses the fastest way found to read memory on both cores: an honest bound is the machine's, not
		// the first probe's.
		out.put("readBandwidthBytesPerS", Math.max(bandwidths.get("bothCoresOneStream"),
				bandwidths.get("bothCoresEightStreams")));
		out.put("readBandwidthsBytesPerS", bandwidths);
		// ND4J loads on first use (1-3 s); the service loads it at start-up, so creation is timed after.
		FloatMatrix.randomNormal(1100, 1000, 1, 0).close();
		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		FloatMatrix up = FloatMatrix.randomNormal(neurons, dModel, 0.02, 1);
		// W_down neuron by neuron, column-major, as the service's `random` models make it: the few-token pass reads
		// only the columns of neurons that are not zero (ReLU's zeros).
		FloatMatrix down = FloatMatrix.randomNormalByColumns(dModel, neurons, 0.02, 2);
		out.put("createSeconds", (System.nanoTime() - start) / 1e9);
		// CPU seconds of the whole process (generator and page faults): what the creation costs whatever the load.
		out.put("createCpuSeconds", (processCpuNanos() - cpuStart) / 1e9);
		out.put("weightBytes", up.bytes() + down.bytes());
		MlpWeights weights = new MlpWeights(up, new float[neurons], down, new float[dModel], Activation.RELU);
		if (args.length > 2 && args[2].equals("serve")) {
			serve(weights, dModel);
			return;
		}
		Field choice = TensorOps.class.getDeclaredField("choice");
		choice.setAccessible(true);
		Object auto = choice.get(null);
		Object gemm = Enum.valueOf(auto.getClass().asSubclass(Enum.class), "ND4J");
		Map<Integer, Double> fewTokens = new LinkedHashMap<>();
		Map<Integer, Double> gemms = new LinkedHashMap<>();
		for (int tokens : new int[] { 1, 2, 4, 8, 16 }) {
			FloatMatrix e = FloatMatrix.randomNormal(tokens, dModel, 1, 3);
			choice.set(null, auto);
			fewTokens.put(tokens, median(repeats, () -> MlpBlock.forward(weights, e)));
			choice.set(null, gemm);
			gemms.put(tokens, median(3, () -> MlpBlock.forward(weights, e)));
			choice.set(null, auto);
			System.out.printf("%2d tokens: few-token kernel %.0f ms, GEMM %.0f ms%n", tokens, fewTokens.get(tokens) * 1e3,
					gemms.get(tokens) * 1e3);
		}
		out.put("medianSeconds", fewTokens);
		out.put("gemmMedianSeconds", gemms);
		// The dense case: GELU leaves no neuron at zero, so every W_down column is read.
		MlpWeights gelu = weights.withActivation(Activation.GELU);
		Map<Integer, Double> geluTimes = new LinkedHashMap<>();
		for (int tokens : new int[] { 1, 4, 16 }) {
			FloatMatrix e = FloatMatrix.randomNormal(tokens, dModel, 1, 3);
			geluTimes.put(tokens, median(repeats, () -> MlpBlock.forward(gelu, e)));
			System.out.printf("%2d tokens, GELU: few-token kernel %.0f ms%n", tokens, geluTimes.get(tokens) * 1e3);
		}
		out.put("geluMedianSeconds", geluTimes);
		// Where the crossover with GEMM lies: the kernel forced on up to 32 tokens.
		Class<?> kernel = Class.forName("dev.factlab.tensor.FewTokenProducts");
		Field max = kernel.getDeclaredField("maxTokens");
		max.setAccessible(true);
		Object defaultMax = max.get(null);
		Map<Integer, Double> forced = new LinkedHashMap<>();
		Map<Integer, Double> forcedGemm = new LinkedHashMap<>();
		max.set(null, 32);
		for (int tokens : new int[] { 16, 20, 24, 32 }) {
			FloatMatrix e = FloatMatrix.randomNormal(tokens, dModel, 1, 3);
			forced.put(tokens, median(3, () -> MlpBlock.forward(weights, e)));
			choice.set(null, gemm);
			forcedGemm.put(tokens, median(3, () -> MlpBlock.forward(weights, e)));
			choice.set(null, auto);
			System.out.printf("%2d tokens: kernel forced %.0f ms, GEMM %.0f ms%n", tokens, forced.get(tokens) * 1e3,
					forcedGemm.get(tokens) * 1e3);
		}
		max.set(null, defaultMax);
		out.put("kernelForcedMedianSeconds", forced);
		out.put("gemmForcedRunMedianSeconds", forcedGemm);
		System.out.println(toJson(out));
	}

	/**
	 * What the machine streams from memory: both cores summing a 1 GiB direct buffer, each
	 * its own half, with one read stream per core (this benchmark's first probe) and with
	 * eight streams per core (eight stretches of the half read side by side, which keeps
	 * more cache-line misses in flight); one core with eight streams for comparison. Median
	 * of 9 rounds after 3 warm-up rounds, the variants alternated. Bytes per second.
	 */
	static Map<String, Double> readBandwidths() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 30).order(ByteOrder.nativeOrder());
		int cores = Runtime.getRuntime().availableProcessors();
		IntStream.range(0, 64).parallel().forEach(p -> {
			int part = buffer.capacity() / 64;
			for (int i = p * part; i < (p + 1) * part; i += 4) {
				buffer.putFloat(i, 1f);
			}
		});
		String[] names = { "bothCoresOneStream", "bothCoresEightStreams", "oneCoreEightStreams" };
		double[][] seconds = new double[names.length][9];
		for (int round = -3; round < 9; round++) {
			for (int v = 0; v < names.length; v++) {
				int threads = v == 2 ? 1 : cores;
				int part = buffer.capacity() / threads / 64 * 64;
				boolean eight = v > 0;
				long start = System.nanoTime();
				double sum = IntStream.range(0, threads).parallel()
					.mapToDouble(c -> eight ? sumEight(buffer, c * part, part) : sumOne(buffer, c * part, part))
					.sum();
				if (round >= 0) {
					seconds[v][round] = (System.nanoTime() - start) / 1e9;
				}
				if (sum != (double) threads * part / 4) {
					throw new IllegalStateException("probe summed " + sum);
				}
			}
		}
		Map<String, Double> out = new LinkedHashMap<>();
		for (int v = 0; v < names.length; v++) {
			out.put(names[v], buffer.capacity() / median(seconds[v]));
		}
		return out;
	}

	/**
	 * For bench/forward/few_tokens_interleaved.py: one line per request on standard input, a token count (one pass
	 * through the few-token kernel) or "probe" (both cores reading 1 GiB with eight streams each); answers the seconds
	 * it took on standard output. Stops at end of input.
	 */
	static void serve(MlpWeights weights, int dModel) throws Exception {
		ByteBuffer probe = ByteBuffer.allocateDirect(1 << 30).order(ByteOrder.nativeOrder());
		int cores = Runtime.getRuntime().availableProcessors();
		int part = probe.capacity() / cores / 64 * 64;
		Map<Integer, FloatMatrix> inputs = new LinkedHashMap<>();
		java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
		System.out.println("ready");
		System.out.flush();
		for (String line; (line = in.readLine()) != null;) {
			long start = System.nanoTime();
			if (line.equals("probe")) {
				IntStream.range(0, cores).parallel().mapToDouble(c -> sumEight(probe, c * part, part)).sum();
			}
			else {
				int tokens = Integer.parseInt(line.trim());
				FloatMatrix e = inputs.computeIfAbsent(tokens, t -> FloatMatrix.randomNormal(t, dModel, 1, 3));
				start = System.nanoTime();
				MlpBlock.forward(weights, e);
			}
			System.out.println((System.nanoTime() - start) / 1e9);
			System.out.flush();
		}
	}

	static float sumOne(ByteBuffer b, int from, int length) {
		FloatVector acc = FloatVector.zero(S);
		for (int o = from; o < from + length; o += S.vectorByteSize()) {
			acc = acc.add(FloatVector.fromByteBuffer(S, b, o, ByteOrder.nativeOrder()));
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

	static float sumEight(ByteBuffer b, int from, int length) {
		int s = length / 8 / S.vectorByteSize() * S.vectorByteSize();
		ByteOrder o = ByteOrder.nativeOrder();
		FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
		for (int i = from; i < from + s; i += S.vectorByteSize()) {
			a0 = a0.add(FloatVector.fromByteBuffer(S, b, i, o));
			a1 = a1.add(FloatVector.fromByteBuffer(S, b, i + s, o));
			a2 = a2.add(FloatVector.fromByteBuffer(S, b, i + 2 * s, o));
			a3 = a3.add(FloatVector.fromByteBuffer(S, b, i + 3 * s, o));
			a4 = a4.add(FloatVector.fromByteBuffer(S, b, i + 4 * s, o));
			a5 = a5.add(FloatVector.fromByteBuffer(S, b, i + 5 * s, o));
			a6 = a6.add(FloatVector.fromByteBuffer(S, b, i + 6 * s, o));
			a7 = a7.add(FloatVector.fromByteBuffer(S, b, i + 7 * s, o));
		}
		float sum = a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).reduceLanes(VectorOperators.ADD);
		for (int i = from + 8 * s; i < from + length; i += 4) {
			sum += b.getFloat(i);
		}
		return sum;
	}

	interface Pass {

		Object run();

	}

	static double median(int repeats, Pass pass) {
		pass.run();
		double[] seconds = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			long start = System.nanoTime();
			pass.run();
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		return seconds[repeats / 2];
	}

	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static String toJson(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringBuilder json = new StringBuilder("{");
			map.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
				.append(toJson(v)));
			return json.append('}').toString();
		}
		return String.valueOf(value);
	}

}
