package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.junit.jupiter.api.Test;

class FloatAllocatorTests {

	private static final long ELEMENTS = 3 * (HugePageFloats.HUGE_PAGE / Float.BYTES) + 12_345;

	/** Surefire starts the JVM with the foreign module and native access (pom.xml). */
	@Test
	void theTestJvmMapsItsOwnHugePages() {
		assertThat(FloatMatrix.OFF_HEAP).isInstanceOf(HugePageFloats.class);
		assertThat(FloatMatrix.OFF_HEAP.name()).isEqualTo("2 MB pages (madvise)");
	}

	@Test
	void withoutTheModuleMallocIsTaken() {
		assertThat(Incubator.choose("jdk.incubator.absent", FloatAllocator.class,
				FloatAllocator.class.getPackageName() + ".HugePageFloats", () -> FloatAllocator.MALLOC))
			.isSameAs(FloatAllocator.MALLOC);
	}

	@Test
	void mappedFloatsAreAlignedCountedWritableAndFreed() {
		HugePageFloats floats = new HugePageFloats();
		long before = Pointer.totalBytes();
		FloatPointer memory = floats.allocate(ELEMENTS);
		assertThat(memory.address() % HugePageFloats.HUGE_PAGE).isZero();
		assertThat(memory.capacity()).isEqualTo(ELEMENTS);
		assertThat(Pointer.totalBytes() - before).as("counted against maxbytes").isEqualTo(ELEMENTS * Float.BYTES);
		FloatIndexer indexer = FloatIndexer.create(memory);
		for (long i = 0; i < ELEMENTS; i++) {
			indexer.put(i, i * 0.5f);
		}
		for (long i = 0; i < ELEMENTS; i += 997) {
			assertThat(indexer.get(i)).isEqualTo(i * 0.5f);
		}
		assertThat(indexer.get(ELEMENTS - 1)).isEqualTo((ELEMENTS - 1) * 0.5f);
		memory.deallocate();
		assertThat(Pointer.totalBytes()).isEqualTo(before);
	}

	/**
	 * The kernel's own account of the mapping ({@code /proc/self/smaps}, AnonHugePages)
	 * shows the advice taken, where transparent huge pages are not {@code never}.
	 */
	@Test
	void theKernelBacksTheMappingWithHugePages() throws IOException {
		Path enabled = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
		assumeThat(Files.exists(enabled) && !Files.readString(enabled).contains("[never]"))
			.as("transparent huge pages available")
			.isTrue();
		FloatPointer memory = new HugePageFloats().allocate(ELEMENTS);
		try {
			FloatIndexer indexer = FloatIndexer.create(memory);
			for (long i = 0; i < ELEMENTS; i += 1024) {
				indexer.put(i, 1);
			}
			assertThat(anonHugePagesKb(memory.address())).isGreaterThanOrEqualTo(2048);
		}
		finally {
			memory.deallocate();
		}
	}

	@Test
	void randomMatricesAreTheSameWhicheverAllocatorHoldsThem() {
		int rows = 1_100;
		int cols = 1_000;
		float[] mapped = FloatMatrix.randomNormal(rows, cols, 0.5, 7).toArray();
		float[] heap = FloatMatrix.of(rows, cols, referenceValues(rows * cols, 0.5, 7)).toArray();
		assertThat(mapped).isEqualTo(heap);
	}

	private static float[] referenceValues(int elements, double std, long seed) {
		float[] values = new float[elements];
		for (int b = 0; (long) b * RandomNormal.BLOCK < elements; b++) {
			int from = b * RandomNormal.BLOCK;
			RandomNormal.fill(values, from, Math.min(RandomNormal.BLOCK, elements - from), std, seed, b);
		}
		return values;
	}

	/** AnonHugePages of the smaps entry whose range holds {@code address}, in kB. */
	private static long anonHugePagesKb(long address) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
		boolean inside = false;
		for (String line : lines) {
			if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
				String[] range = line.substring(0, line.indexOf(' ')).split("-");
				inside = Long.parseUnsignedLong(range[0], 16) <= address
						&& address < Long.parseUnsignedLong(range[1], 16);
			}
			else if (inside && line.startsWith("AnonHugePages:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new AssertionError("no mapping holds 0x" + Long.toHexString(address));
	}

}
