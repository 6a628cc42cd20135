package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.util.unit.DataSize;

class FloatAllocatorTests {

	/** Why the tests of the mapped memory don't run on Java 19 and later. */
	static final String FOREIGN_ABSENT = "jdk.incubator.foreign exists in Java 17 and 18 only";

	private static final long ELEMENTS = 3 * (HugePageFloats.HUGE_PAGE / Float.BYTES) + 12_345;

	/**
	 * Surefire starts the JVM with the foreign module and native access on Java 17 and 18
	 * (pom.xml, profile foreign-memory).
	 */
	@Test
	@EnabledForJreRange(max = JRE.JAVA_18, disabledReason = FOREIGN_ABSENT)
	void theTestJvmMapsItsOwnHugePages() {
		assertThat(FloatMatrix.AVAILABLE).isInstanceOf(HugePageFloats.class);
		assertThat(FloatMatrix.offHeap()).isSameAs(FloatMatrix.AVAILABLE);
		assertThat(FloatMatrix.AVAILABLE.name()).isEqualTo("2 MB pages (madvise)");
	}

	@Test
	void withoutTheModuleMallocIsTaken() {
		assertThat(Incubator.choose("jdk.incubator.absent", FloatAllocator.class,
				FloatAllocator.class.getPackageName() + ".HugePageFloats", () -> FloatAllocator.MALLOC))
			.isSameAs(FloatAllocator.MALLOC);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_18, disabledReason = FOREIGN_ABSENT)
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
	@EnabledForJreRange(max = JRE.JAVA_18, disabledReason = FOREIGN_ABSENT)
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
	@EnabledForJreRange(max = JRE.JAVA_18, disabledReason = FOREIGN_ABSENT)
	void aPoolIsFaultedInAndServesAllocationsThatFitWhichGoBackToIt() throws IOException {
		HugePageFloats floats = new HugePageFloats();
		long poolBytes = 8 * HugePageFloats.HUGE_PAGE;
		assertThat(floats.pool(poolBytes - 1000)).as("rounded up to huge pages").isEqualTo(poolBytes);
		FloatPointer first = floats.allocate(ELEMENTS);
		long start = first.address();
		assertThat(residentKb(start)).as("faulted in before any allocation wrote it").isEqualTo(poolBytes / 1024);
		long firstBytes = HugePageFloats.roundUp(ELEMENTS * Float.BYTES);
		assertThat(floats.poolState())
			.isEqualTo(new FloatAllocator.PoolState(poolBytes, poolBytes - firstBytes, poolBytes - firstBytes));
		FloatPointer second = floats.allocate(ELEMENTS);
		assertThat(second.address()).as("the rest of the pool").isEqualTo(start + firstBytes);
		FloatPointer third = floats.allocate(ELEMENTS);
		assertThat(third.address() < start || third.address() >= start + poolBytes)
			.as("a mapping of its own: the pool is short")
			.isTrue();
		FloatIndexer.create(second).put(ELEMENTS - 1, 42f);
		assertThat(FloatIndexer.create(second).get(ELEMENTS - 1)).isEqualTo(42f);
		first.deallocate();
		second.deallocate();
		third.deallocate();
		assertThat(floats.poolState()).isEqualTo(new FloatAllocator.PoolState(poolBytes, poolBytes, poolBytes));
		assertThat(floats.allocate(ELEMENTS).address()).as("reused").isEqualTo(start);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_18, disabledReason = FOREIGN_ABSENT)
	void theStartUpFillerPoolsTheConfiguredBytesInTheBackground() throws InterruptedException {
		HugePageFloats floats = new HugePageFloats();
		Thread filler = ModelMemorySetup.startPool(3 * HugePageFloats.HUGE_PAGE, floats).orElseThrow();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> floats.poolState().freeBytes() == 3 * HugePageFloats.HUGE_PAGE);
		// The filler goes on to warm the generator up, allocating: let it end before
		// another test counts JavaCPP's bytes.
		filler.join(Duration.ofSeconds(30).toMillis());
		assertThat(filler.isAlive()).isFalse();
		assertThat(ModelMemorySetup.startPool(0, FloatAllocator.MALLOC)).isEmpty();
		assertThat(FloatAllocator.MALLOC.pool(HugePageFloats.HUGE_PAGE)).as("malloc has no pool").isZero();
	}

	@Test
	void hugePagesTurnedOffTakeMalloc() {
		assertThat(ModelMemorySetup.allocator(false, FloatMatrix.AVAILABLE)).isSameAs(FloatAllocator.MALLOC);
		assertThat(ModelMemorySetup.allocator(true, FloatMatrix.AVAILABLE)).isSameAs(FloatMatrix.AVAILABLE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TensorLimits(DataSize.ofGigabytes(6), DataSize.ofGigabytes(1), false))
			.withMessage("factlab.tensor.model-memory-pool needs factlab.tensor.huge-pages=true: malloc's pages have "
					+ "no pool");
	}

	@Test
	void thePoolIsAtMostTheMemoryBudget() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TensorLimits(DataSize.ofGigabytes(6), DataSize.ofGigabytes(7), true))
			.withMessage("factlab.tensor.model-memory-pool must be between 0 and factlab.tensor.memory-budget "
					+ "(6442450944B): 7516192768B");
		assertThat(new TensorLimits(DataSize.ofGigabytes(6), DataSize.ofGigabytes(6), true).modelMemoryPool())
			.isEqualTo(DataSize.ofGigabytes(6));
	}

	@Test
	void randomMatricesAreTheSameWhicheverAllocatorHoldsThem() {
		int rows = 1_100;
		int cols = 1_000;
		float[] mapped = FloatMatrix.randomNormal(rows, cols, 0.5, 7).toArray();
		float[] heap = RandomNormal.heapValues((long) rows * cols, 0.5, 7);
		assertThat(mapped).isEqualTo(heap);
	}

	private static long anonHugePagesKb(long address) throws IOException {
		return smapsKb(address, "AnonHugePages:");
	}

	private static long residentKb(long address) throws IOException {
		return smapsKb(address, "Rss:");
	}

	/** A field of the smaps entry whose range holds {@code address}, in kB. */
	private static long smapsKb(long address, String field) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
		boolean inside = false;
		for (String line : lines) {
			if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
				String[] range = line.substring(0, line.indexOf(' ')).split("-");
				inside = Long.parseUnsignedLong(range[0], 16) <= address
						&& address < Long.parseUnsignedLong(range[1], 16);
			}
			else if (inside && line.startsWith(field)) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new AssertionError("no mapping holds 0x" + Long.toHexString(address));
	}

}
