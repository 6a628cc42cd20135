package dev.factlab.angles;

import dev.factlab.errors.LimitExceededException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.factlab.tensor.BlasThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AngleOptimiserTest {

	static final int N = 300, D = 16;

	/**
	 * Two workers and tiles that do not divide N: the configuration whose sums could most
	 * easily reorder.
	 */
	final AngleOptimiser optimiser = new AngleOptimiser(AngleLimits.DEFAULT, 2, 64);

	@Test
	void sameSeedGivesBitwiseTheSameRun() {
		for (AngleLoss loss : AngleLoss.values()) {
			AngleExperiment experiment = AngleExperiment.lesson(N, D, 7).withSteps(4).withLoss(loss);
			AngleRunResult first = optimiser.run(experiment, StepListener.NONE);
			AngleRunResult second = optimiser.run(experiment, StepListener.NONE);
			assertThat(second.vectors()).as("%s", loss).isEqualTo(first.vectors());
			assertThat(second.lossCurve()).isEqualTo(first.lossCurve());
			assertThat(second.before()).isEqualTo(first.before());
			assertThat(second.after()).isEqualTo(first.after());

			AngleRunResult other = optimiser.run(AngleExperiment.lesson(N, D, 8).withSteps(4).withLoss(loss),
					StepListener.NONE);
			assertThat(other.vectors()).isNotEqualTo(first.vectors());
		}
	}

	@Test
	void lessonLossFallsAndPushesPairsTowardsNinetyDegrees() {
		AngleRunResult result = optimiser.run(AngleExperiment.lesson(N, D, 1).withSteps(60), StepListener.NONE);
		assertThat(result.lossCurve()[59]).isLessThan(0.8 * result.lossCurve()[0]);
		assertThat(result.after().within5Degrees()).isGreaterThan(result.before().within5Degrees());
		assertThat(result.vectors()).hasSize(N * D);
		assertThat(result.lossCurve()).hasSize(60);
		assertThat(result.timings().stepSeconds()).hasSize(60);
		assertThat(result.kernel()).isEqualTo(optimiser.describe());
		// The stored vectors measure to the same statistics as the run reported.
		assertThat(optimiser.measure(result.vectors(), N, D, HistogramRange.FULL, HistogramRange.LESSON_ZOOM))
			.isEqualTo(result.after());
	}

	@Test
	void smoothMaxCosineWidensTheWorstPairAndKeepsRowsUnit() {
		AngleRunResult result = optimiser.run(AngleExperiment.lesson(N, D, 1)
			.withSteps(60)
			.withLoss(AngleLoss.SMOOTH_MAX_COSINE)
			.withLearningRate(0.003), StepListener.NONE);
		assertThat(result.after().minDegrees()).isGreaterThan(result.before().minDegrees() + 10);
		assertThat(180 - result.after().maxDegrees()).isGreaterThan(180 - result.before().maxDegrees() + 10);
		assertThat(result.after().minNorm()).isCloseTo(1, offset(1e-6));
		assertThat(result.after().maxNorm()).isCloseTo(1, offset(1e-6));
		// The loss is a smooth maximum of |cos|: above the worst pair's |cos|, and
		// falling.
		double worst = Math.cos(Math.toRadians(result.before().minDegrees()));
		assertThat(result.lossCurve()[0]).isGreaterThanOrEqualTo(worst - 1e-6);
		assertThat(result.lossCurve()[59]).isLessThan(result.lossCurve()[0]);
	}

	@Test
	void cancelStopsInTheMiddleOfAStep() {
		AtomicInteger steps = new AtomicInteger();
		AtomicInteger pollsAfterFirstStep = new AtomicInteger();
		int[] sharedThreads = new int[2];
		BlasThreads.run(BlasThreads.Mode.SHARED, () -> sharedThreads[0] = BlasThreads.currentThreads());
		StepListener listener = new StepListener() {

			@Override
			public void afterStep(Progress progress) {
				steps.incrementAndGet();
			}

			@Override
			public boolean cancelRequested() {
				// True from the 4th poll of step 2 on: N = 300 in tiles of 64 is 15 tiles
				// per step.
				return steps.get() >= 1 && pollsAfterFirstStep.incrementAndGet() >= 4;
			}

		};
		assertThatThrownBy(() -> optimiser.run(AngleExperiment.lesson(N, D, 1).withSteps(10), listener))
			.isInstanceOf(CancellationException.class);
		assertThat(steps.get()).isEqualTo(1);
		// Each of the 2 workers polls once more at most before it stops.
		assertThat(pollsAfterFirstStep.get()).isBetween(4, 6);
		// The run's single-threaded sections are all closed: a forward pass's GEMM gets
		// every BLAS thread again.
		BlasThreads.run(BlasThreads.Mode.SHARED, () -> sharedThreads[1] = BlasThreads.currentThreads());
		assertThat(sharedThreads[1]).isEqualTo(sharedThreads[0]).isGreaterThan(0);
	}

	@Test
	void interruptingTheCallerCancelsAndKeepsTheInterrupt() {
		AngleExperiment experiment = AngleExperiment.lesson(N, D, 1).withSteps(10);
		assertThatThrownBy(() -> optimiser.run(experiment, progress -> Thread.currentThread().interrupt()))
			.isInstanceOf(CancellationException.class);
		assertThat(Thread.interrupted()).isTrue();
	}

	@Test
	void listenerHearsEveryStep() {
		AtomicInteger last = new AtomicInteger();
		optimiser.run(AngleExperiment.lesson(N, D, 1).withSteps(3), progress -> {
			assertThat(progress.step()).isEqualTo(last.get() + 1);
			assertThat(progress.steps()).isEqualTo(3);
			assertThat(progress.loss()).isPositive();
			last.set(progress.step());
		});
		assertThat(last.get()).isEqualTo(3);
	}

	@Test
	void refusesRunsOverTheLimitsBeforeAnyWork() {
		AngleOptimiser small = new AngleOptimiser(new AngleLimits(200, 1_024, 10_000_000, 10, 10_000, 2, 64, 4), 2, 64);
		assertThatThrownBy(() -> small.run(AngleExperiment.lesson(N, D, 1), StepListener.NONE))
			.isInstanceOf(LimitExceededException.class)
			.hasMessageContaining("vectors: limit is 200 vectors");
		assertThatThrownBy(() -> small.measure(new float[3], 3, 2, HistogramRange.FULL, HistogramRange.LESSON_ZOOM))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
