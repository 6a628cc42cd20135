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
 * read-bandwidth probe (both cores summing a 1 GiB direct buffer), the time to create the block with the seeded
 * generator, and the median pass for 1, 2, 4, 8 and 16 tokens through the few-token kernel (the default) and
 * through ND4J's GEMM (the path before it). Prints one JSON line last, for bench/forward/few_tokens.sh.
 */
public class FewTokens {

	static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	public static void main(String[] args) throws Exception {
		int dModel = args.length > 0 ? Integer.parseInt(args[0]) : 12288;
		int neurons = args.length > 1 ? Integer.parseInt(args[1]) : 4 * dModel;
		int repeats = 7;
		Map<String, Object> out = new LinkedHashMap<>();
		double bandwidth = readBandwidth();
		out.put("readBandwidthBytesPerS", bandwidth);
		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		FloatMatrix up = FloatMatrix.randomNormal(neurons, dModel, 0.02, 1);
		FloatMatrix down = FloatMatrix.randomNormal(dModel, neurons, 0.02, 2);
		out.put("createSeconds", (System.nanoTime() - start) / 1e9);
		// CPU seconds of the whole process (generator and page faults): what the creation costs whatever the load.
		out.put("createCpuSeconds", (processCpuNanos() - cpuStart) / 1e9);
		out.put("weightBytes", up.bytes() + down.bytes());
		MlpWeights weights = new MlpWeights(up, new float[neurons], down, new float[dModel], Activation.RELU);
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
		// One token: the kernel loading weight vectors straight from off-heap memory (the default) against the same
		// kernel copying each 16 KB stretch to the heap first, alternated round by round.
		Class<?> kernel = Class.forName("dev.factlab.tensor.FewTokenProducts");
		Field copy = kernel.getDeclaredField("copyStretches");
		copy.setAccessible(true);
		FloatMatrix one = FloatMatrix.randomNormal(1, dModel, 1, 3);
		double[][] directCopy = new double[2][repeats];
		for (int round = -1; round < repeats; round++) {
			for (int variant = 0; variant < 2; variant++) {
				copy.set(null, variant == 1);
				long t0 = System.nanoTime();
				MlpBlock.forward(weights, one);
				if (round >= 0) {
					directCopy[variant][round] = (System.nanoTime() - t0) / 1e9;
				}
			}
		}
		copy.set(null, false);
		out.put("oneTokenDirectSeconds", median(directCopy[0]));
		out.put("oneTokenCopySeconds", median(directCopy[1]));
		System.out.printf(" 1 token: direct loads %.0f ms, copied stretches %.0f ms (alternated)%n",
				median(directCopy[0]) * 1e3, median(directCopy[1]) * 1e3);
		// Where the crossover with GEMM lies: the kernel forced on for 9-16 tokens.
		Field max = kernel.getDeclaredField("maxTokens");
		max.setAccessible(true);
		Object defaultMax = max.get(null);
		Map<Integer, Double> forced = new LinkedHashMap<>();
		Map<Integer, Double> forcedGemm = new LinkedHashMap<>();
		max.set(null, 16);
		for (int tokens : new int[] { 8, 10, 12, 16 }) {
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

	/** Bytes per second of both cores summing a 1 GiB direct buffer (median of 5, after a warm-up pass). */
	static double readBandwidth() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 30).order(ByteOrder.nativeOrder());
		for (int i = 0; i < buffer.capacity(); i += 4) {
			buffer.putFloat(i, 1f);
		}
		int cores = Runtime.getRuntime().availableProcessors();
		int part = buffer.capacity() / cores;
		double seconds = median(5, () -> IntStream.range(0, cores).parallel().mapToDouble(c -> {
			FloatVector acc = FloatVector.zero(S);
			int step = S.vectorByteSize();
			for (int offset = c * part; offset < (c + 1) * part; offset += step) {
				acc = acc.add(FloatVector.fromByteBuffer(S, buffer, offset, ByteOrder.nativeOrder()));
			}
			return acc.reduceLanes(VectorOperators.ADD);
		}).sum());
		return buffer.capacity() / seconds;
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
