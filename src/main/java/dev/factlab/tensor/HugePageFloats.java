package dev.factlab.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Off-heap floats in anonymous mappings of their own, aligned to 2 MB and advised
 * {@code MADV_HUGEPAGE}, so that Linux backs them with 2 MB pages where transparent huge
 * pages are enabled or {@code madvise}-only: a first write faults in 2 MB at once instead
 * of 4 KB (GPT-3's 4.8 GB block: 3.0–9.8 s to touch instead of 13–19 s on the VMs
 * measured here). Calls {@code mmap}, {@code madvise} and {@code munmap} through Java
 * 17's {@code jdk.incubator.foreign}; construction throws unless the JVM runs on Linux
 * with {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED},
 * and {@link FloatAllocator#choose()} then takes {@code malloc}. Where the kernel refuses
 * the advice (huge pages {@code never}), the mapping keeps 4 KB pages and works the same.
 */
final class HugePageFloats implements FloatAllocator {

	static final long HUGE_PAGE = 2L << 20;

	private static final int PROT_READ_WRITE = 0x1 | 0x2;

	private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;

	private static final int MADV_HUGEPAGE = 14;

	private static final long MAP_FAILED = -1;

	/** Bytes each task of {@link #pool} writes. */
	private static final long TOUCH_CHUNK = 64L << 20;

	private final MethodHandle mmap;

	private final MethodHandle madvise;

	private final MethodHandle munmap;

	private final PagePool pool = new PagePool();

	HugePageFloats() {
		if (!System.getProperty("os.name", "").startsWith("Linux")) {
			throw new UnsupportedOperationException("mmap flags are Linux's");
		}
		CLinker linker = CLinker.getInstance();
		var libc = CLinker.systemLookup();
		this.mmap = linker.downcallHandle(libc.lookup("mmap").orElseThrow(),
				MethodType.methodType(MemoryAddress.class, MemoryAddress.class, long.class, int.class, int.class,
						int.class, long.class),
				FunctionDescriptor.of(CLinker.C_POINTER, CLinker.C_POINTER, CLinker.C_LONG, CLinker.C_INT,
						CLinker.C_INT, CLinker.C_INT, CLinker.C_LONG));
		this.madvise = linker.downcallHandle(libc.lookup("madvise").orElseThrow(),
				MethodType.methodType(int.class, MemoryAddress.class, long.class, int.class),
				FunctionDescriptor.of(CLinker.C_INT, CLinker.C_POINTER, CLinker.C_LONG, CLinker.C_INT));
		this.munmap = linker.downcallHandle(libc.lookup("munmap").orElseThrow(),
				MethodType.methodType(int.class, MemoryAddress.class, long.class),
				FunctionDescriptor.of(CLinker.C_INT, CLinker.C_POINTER, CLinker.C_LONG));
	}

	/**
	 * Memory from the pool when a free range there holds it (such memory is already
	 * faulted in: its first writes cost no page faults), else a mapping of its own,
	 * unmapped when freed.
	 */
	@Override
	public FloatPointer allocate(long elements) {
		long bytes = roundUp(Math.multiplyExact(elements, Float.BYTES));
		OptionalLong pooled = pool.take(bytes);
		if (pooled.isPresent()) {
			return new Mapped(pooled.getAsLong(), elements, new Mapped.Release(pool::give, pooled.getAsLong(), bytes));
		}
		long start = mapAligned(bytes);
		return new Mapped(start, elements, new Mapped.Release(this::unmap, start, bytes));
	}

	/**
	 * Maps {@code bytes} (rounded up to huge pages), faults every page in by writing it
	 * on every core, and keeps it as a pool for {@link #allocate} for the life of the
	 * process: memory freed there goes back to the pool, not to the system.
	 * @return the bytes added
	 */
	@Override
	public long pool(long bytes) {
		long length = roundUp(bytes);
		if (length == 0) {
			return 0;
		}
		long start = mapAligned(length);
		int chunks = Math.toIntExact((length + TOUCH_CHUNK - 1) / TOUCH_CHUNK);
		IntStream.range(0, chunks).parallel().forEach(chunk -> {
			long from = chunk * TOUCH_CHUNK;
			Pointer.memset(new Raw(start + from), 0, Math.min(TOUCH_CHUNK, length - from));
		});
		pool.add(start, length);
		return length;
	}

	@Override
	public PoolState poolState() {
		return pool.state();
	}

	/**
	 * Maps {@code bytes}, a multiple of {@link #HUGE_PAGE}, at an address aligned to one
	 * and advised {@code MADV_HUGEPAGE}. It maps one huge page more than needed and gives
	 * back the unaligned head and tail, so that every 2 MB can be one page.
	 */
	private long mapAligned(long bytes) {
		long mapped = map(bytes + HUGE_PAGE);
		long start = roundUp(mapped);
		unmap(mapped, start - mapped);
		unmap(start + bytes, mapped + HUGE_PAGE - start);
		advise(start, bytes);
		return start;
	}

	@Override
	public String name() {
		return "2 MB pages (madvise)";
	}

	/** {@code bytes} rounded up to a whole number of huge pages. */
	static long roundUp(long bytes) {
		return (bytes + HUGE_PAGE - 1) & -HUGE_PAGE;
	}

	private long map(long bytes) {
		long address;
		try {
			address = ((MemoryAddress) mmap.invokeExact(MemoryAddress.NULL, bytes, PROT_READ_WRITE,
					MAP_PRIVATE_ANONYMOUS, -1, 0L))
				.toRawLongValue();
		}
		catch (Throwable ex) {
			throw new IllegalStateException("mmap failed", ex);
		}
		if (address == MAP_FAILED || address == 0) {
			throw new OutOfMemoryError("mmap refused %d bytes".formatted(bytes));
		}
		return address;
	}

	private void advise(long address, long bytes) {
		try {
			// The result is ignored: without huge pages the mapping works with small
			// ones.
			int ignored = (int) madvise.invokeExact(MemoryAddress.ofLong(address), bytes, MADV_HUGEPAGE);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("madvise failed", ex);
		}
	}

	void unmap(long address, long bytes) {
		if (bytes == 0) {
			return;
		}
		int result;
		try {
			result = (int) munmap.invokeExact(MemoryAddress.ofLong(address), bytes);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("munmap failed", ex);
		}
		if (result != 0) {
			throw new IllegalStateException("munmap(0x%x, %d) returned %d".formatted(address, bytes, result));
		}
	}

	/** A bare address, for {@link Pointer#memset}. */
	private static final class Raw extends Pointer {

		Raw(long address) {
			this.address = address;
		}

	}

	/**
	 * A JavaCPP pointer over mapped memory, registered with JavaCPP's deallocator so that
	 * it counts against {@code maxbytes} and is released when deallocated or collected.
	 */
	private static final class Mapped extends FloatPointer {

		Mapped(long address, long elements, Release release) {
			super((Pointer) null);
			this.address = address;
			capacity(elements);
			deallocator(release);
		}

		@Override
		public int sizeof() {
			return Float.BYTES;
		}

		/**
		 * Gives the memory back ({@code munmap}, or to the pool); holds no reference to
		 * its pointer, so the pointer can be collected.
		 */
		private record Release(Range release, long address, long bytes) implements Pointer.Deallocator {

			@Override
			public void deallocate() {
				release.free(address, bytes);
			}

		}

		@FunctionalInterface
		interface Range {

			void free(long address, long bytes);

		}

	}

}
