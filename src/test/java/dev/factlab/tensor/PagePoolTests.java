package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagePoolTests {

	@Test
	void takesTheSmallestFreeRangeThatHoldsARequestAndSplitsIt() {
		PagePool pool = new PagePool();
		pool.add(1_000, 100);
		pool.add(5_000, 40);
		pool.add(9_000, 60);
		assertThat(pool.take(50)).hasValue(9_000);
		assertThat(pool.state()).isEqualTo(new FloatAllocator.PoolState(200, 150, 100));
		assertThat(pool.take(10)).as("the 10 left of [9000, 9060) is the best fit").hasValue(9_050);
		assertThat(pool.take(120)).isEmpty();
		assertThat(pool.take(100)).hasValue(1_000);
		assertThat(pool.take(40)).hasValue(5_000);
		assertThat(pool.state()).isEqualTo(new FloatAllocator.PoolState(200, 0, 0));
	}

	@Test
	void aTieGoesToTheLowestAddress() {
		PagePool pool = new PagePool();
		pool.add(8_000, 30);
		pool.add(2_000, 30);
		assertThat(pool.take(30)).hasValue(2_000);
	}

	@Test
	void rangesGivenBackMergeWithTheirFreeNeighbours() {
		PagePool pool = new PagePool();
		pool.add(0, 300);
		long a = pool.take(100).orElseThrow();
		long b = pool.take(100).orElseThrow();
		long c = pool.take(100).orElseThrow();
		assertThat(new long[] { a, b, c }).containsExactly(0, 100, 200);
		pool.give(a, 100);
		pool.give(c, 100);
		assertThat(pool.state().largestFreeBytes()).isEqualTo(100);
		assertThat(pool.take(150)).isEmpty();
		pool.give(b, 100);
		assertThat(pool.state().largestFreeBytes()).as("merged both ways").isEqualTo(300);
		assertThat(pool.take(300)).hasValue(0);
	}

}
