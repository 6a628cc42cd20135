package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KernelsTests {

	@Test
	void theJitIsCutDownByTieredStopAtLevelOrTheInterpreterOnly() {
		assertThat(Kernels.jit(List.of(), "4", "true")).isEqualTo("C2");
		assertThat(Kernels.jit(List.of("-XX:TieredStopAtLevel=1"), "1", "true"))
			.isEqualTo("C1 only (-XX:TieredStopAtLevel=1)");
		assertThat(Kernels.jit(List.of("-XX:-TieredCompilation"), "1", "false")).isEqualTo("C2");
		assertThat(Kernels.jit(List.of("-Xint"), "4", "true")).isEqualTo("interpreter only (-Xint)");
	}

	/**
	 * Surefire starts the test JVM as the README's run command starts the service: Vector
	 * API module, full JIT, OPENBLAS_CORETYPE=Haswell, the foreign module with native
	 * access for 2 MB pages (pom.xml), so nothing is degraded.
	 */
	@Test
	void theTestJvmRunsTheFullSpeedKernels() {
		Kernels kernels = Kernels.detect(2);
		assertThat(kernels.vectorApi()).matches("\\d+-bit");
		assertThat(kernels.jit()).isEqualTo("C2");
		assertThat(kernels.openblasCoreType()).isEqualTo("Haswell");
		// Java 19 removed jdk.incubator.foreign: malloc there, and no warning (nothing to
		// add).
		String memory = Runtime.version().feature() < 19 ? "2 MB pages (madvise)" : "malloc";
		assertThat(kernels.modelMemory()).isEqualTo(memory);
		assertThat(kernels.warnings()).isEmpty();
		assertThat(kernels.summary())
			.isEqualTo("Vector API %s, JIT C2, OpenBLAS core type Haswell with 2 threads, model memory %s"
				.formatted(kernels.vectorApi(), memory));
	}

}
