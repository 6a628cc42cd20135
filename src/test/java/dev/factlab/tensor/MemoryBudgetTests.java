package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.factlab.errors.LimitExceededException;
import org.junit.jupiter.api.Test;

class MemoryBudgetTests {

	@Test
	void reservationsCountPerUseAndGiveTheirBytesBackOnce() {
		MemoryBudget budget = new MemoryBudget(1_000, "test.budget");
		MemoryBudget.Reservation model = budget.reserve(600, MemoryBudget.MODELS);
		MemoryBudget.Reservation job = budget.reserve(300, MemoryBudget.JOBS);
		assertThat(budget.usage().bytes(MemoryBudget.MODELS)).isEqualTo(600);
		assertThat(budget.usage().bytes(MemoryBudget.JOBS)).isEqualTo(300);
		assertThat(budget.usedBytes()).isEqualTo(900);
		job.close();
		job.close();
		assertThat(budget.usedBytes()).isEqualTo(600);
		assertThat(budget.usage().bytes(MemoryBudget.JOBS)).isZero();
		model.close();
		assertThat(budget.usage()).isEqualTo(new MemoryBudget.Usage(1_000, 0, budget.usage().byUse()));
	}

	@Test
	void aReservationThatDoesNotFitIsRefusedNamingTheBudgetAndWhatHoldsIt() {
		MemoryBudget budget = new MemoryBudget(1_000, "test.budget");
		budget.reserve(700, MemoryBudget.MODELS);
		assertThatThrownBy(() -> budget.reserve(301, MemoryBudget.WORKSPACES))
			.isInstanceOfSatisfying(LimitExceededException.class, ex -> {
				assertThat(ex.limit()).isEqualTo(1_000);
				assertThat(ex.requested()).isEqualTo(1_001);
				assertThat(ex.getMessage()).contains("workspaces", "test.budget", "models 700 bytes");
			});
		assertThat(budget.tryReserve(301, MemoryBudget.CACHES)).isNull();
		assertThat(budget.usedBytes()).isEqualTo(700);
		try (MemoryBudget.Reservation exact = budget.reserve(300, MemoryBudget.WORKSPACES)) {
			assertThat(budget.usedBytes()).isEqualTo(1_000);
		}
		assertThat(budget.usedBytes()).isEqualTo(700);
	}

	@Test
	void concurrentReservationsNeverOvershootTheCapacity() throws Exception {
		MemoryBudget budget = new MemoryBudget(10_000, "test.budget");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> granted = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				granted.add(pool.submit(() -> {
					int count = 0;
					for (int i = 0; i < 10_000; i++) {
						MemoryBudget.Reservation r = budget.tryReserve(7, MemoryBudget.JOBS);
						if (r != null) {
							count++;
							assertThat(budget.usedBytes()).isLessThanOrEqualTo(10_000);
							if (i % 2 == 0) {
								r.close();
								count--;
							}
						}
					}
					return count;
				}));
			}
			int held = 0;
			for (Future<Integer> f : granted) {
				held += f.get();
			}
			assertThat(budget.usedBytes()).isEqualTo(7L * held).isLessThanOrEqualTo(10_000);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theBudgetIsLoweredToStayAGigabyteUnderJavaCppsCeiling() {
		long gb = 1L << 30;
		assertThat(MemoryBudgetSetup.capacity(5 * gb, 8 * gb)).isEqualTo(5 * gb);
		assertThat(MemoryBudgetSetup.capacity(6 * gb, 6 * gb)).isEqualTo(5 * gb);
		assertThat(MemoryBudgetSetup.capacity(6 * gb, gb / 2)).isZero();
	}

	@Test
	void heapSizedMatricesAreChargedForTheirOffHeapCopy() {
		assertThat(FloatMatrix.footprintBytes(10, 10)).isEqualTo(2 * 100 * 4);
		assertThat(FloatMatrix.footprintBytes(1024, 1024)).isEqualTo(2L * 1024 * 1024 * 4);
		assertThat(FloatMatrix.footprintBytes(1025, 1024)).isEqualTo(1025L * 1024 * 4);
	}

}
