package dev.factlab.tensor;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Which kernels this JVM runs and what slows them: the Java Vector API's width (or scalar
 * loops when {@code jdk.incubator.vector} is absent), the JIT (full C2, or cut down by
 * {@code -XX:TieredStopAtLevel} or {@code -Xint}: then Vector API code is never compiled
 * to vector instructions, 15–20× slower angle steps), OpenBLAS's core type
 * ({@code OPENBLAS_CORETYPE}; ND4J's OpenBLAS 0.3.19 misdetects Zen 4/5 and runs GEMM at
 * a third without it), its threads, and where large random models' memory comes from
 * ({@link FloatAllocator}: 2 MB pages need {@code jdk.incubator.foreign} and native
 * access; with 4 KB pages GPT-3's block took 1.4–5× longer to create here).
 *
 * @param vectorApi e.g. "512-bit" or "scalar (jdk.incubator.vector absent)"
 * @param jit "C2" or a description of the cut-down JIT
 * @param openblasCoreType the environment's OPENBLAS_CORETYPE, or "unset"
 * @param blasThreads OpenBLAS's thread count
 * @param modelMemory e.g. "2 MB pages (madvise)" or "malloc"
 * @param warnings one sentence per degradation, each saying what to add
 */
public record Kernels(String vectorApi, String jit, String openblasCoreType, int blasThreads, String modelMemory,
		List<String> warnings) {

	public Kernels {
		warnings = List.copyOf(warnings);
	}

	/** Reads this JVM's flags and environment, and OpenBLAS's thread count. */
	static Kernels detect(int blasThreads) {
		List<String> warnings = new ArrayList<>();
		String vector = preferredVectorWidth();
		if (vector == null) {
			vector = "scalar (jdk.incubator.vector absent)";
			warnings.add("the Java Vector API is absent: the angle kernels run scalar loops (about 1.5x slower steps, "
					+ "2.5x slower histograms); add --add-modules jdk.incubator.vector to the java command");
		}
		String jit = jit(ManagementFactory.getRuntimeMXBean().getInputArguments(), vmOption("TieredStopAtLevel"),
				vmOption("TieredCompilation"));
		if (!jit.equals("C2")) {
			warnings.add("the JIT is cut down (" + jit + "): Vector API code is never compiled to vector "
					+ "instructions and angle steps run 15-20x slower; remove -XX:TieredStopAtLevel=1 / -Xint "
					+ "(spring-boot:run adds it unless optimizedLaunch is false)");
		}
		String coreType = System.getenv("OPENBLAS_CORETYPE");
		if (coreType == null || coreType.isBlank()) {
			coreType = "unset";
			warnings.add("OPENBLAS_CORETYPE is unset: ND4J's OpenBLAS 0.3.19 misdetects newer CPUs (Zen 4/5) and "
					+ "runs GEMM at about a third of its speed; set the environment variable OPENBLAS_CORETYPE=Haswell");
		}
		String modelMemory = FloatMatrix.offHeap().name();
		if (FloatMatrix.AVAILABLE == FloatAllocator.MALLOC && Runtime.version().feature() < 19) {
			warnings
				.add("large random models take malloc's 4 KB pages: creating GPT-3's block took 1.4-5x longer where "
						+ "first touches of memory are dear; add --add-modules jdk.incubator.foreign "
						+ "--enable-native-access=ALL-UNNAMED to the java command");
		}
		return new Kernels(vector, jit, coreType, blasThreads, modelMemory, warnings);
	}

	/**
	 * @param inputArguments the JVM's options
	 * @param tieredStopAtLevel the VM option's value, or null when unknown
	 * @param tieredCompilation the VM option's value, or null when unknown
	 * @return "C2", or what cuts it down
	 */
	static String jit(List<String> inputArguments, String tieredStopAtLevel, String tieredCompilation) {
		if (inputArguments.contains("-Xint")) {
			return "interpreter only (-Xint)";
		}
		if (!"false".equals(tieredCompilation) && tieredStopAtLevel != null && !tieredStopAtLevel.equals("4")) {
			return "C1 only (-XX:TieredStopAtLevel=" + tieredStopAtLevel + ")";
		}
		return "C2";
	}

	/** The one-line summary logged at start-up. */
	String summary() {
		return "Vector API %s, JIT %s, OpenBLAS core type %s with %d threads, model memory %s".formatted(vectorApi, jit,
				openblasCoreType, blasThreads, modelMemory);
	}

	/** The same as health and info details. */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("vectorApi", vectorApi);
		details.put("jit", jit);
		details.put("openblasCoreType", openblasCoreType);
		details.put("blasThreads", blasThreads);
		details.put("modelMemory", modelMemory);
		details.put("fullSpeed", warnings.isEmpty());
		if (!warnings.isEmpty()) {
			details.put("warnings", warnings);
		}
		return details;
	}

	private static String preferredVectorWidth() {
		if (!VectorApi.present()) {
			return null;
		}
		try {
			Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
			int bits = (int) Class.forName("jdk.incubator.vector.VectorSpecies")
				.getMethod("vectorBitSize")
				.invoke(species);
			return bits + "-bit";
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			return null;
		}
	}

	private static String vmOption(String name) {
		try {
			return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
