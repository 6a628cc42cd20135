package dev.factlab.angles;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AngleExperimentTest {

	@Test
	void lessonDefaultsAreTheLessons() {
		AngleExperiment lesson = AngleExperiment.lesson();
		assertThat(lesson.vectors()).isEqualTo(10_000);
		assertThat(lesson.dimensions()).isEqualTo(100);
		assertThat(lesson.steps()).isEqualTo(250);
		assertThat(lesson.learningRate()).isEqualTo(0.01);
		assertThat(lesson.beta1()).isEqualTo(0.9);
		assertThat(lesson.beta2()).isEqualTo(0.999);
		assertThat(lesson.epsilon()).isEqualTo(1e-8);
		assertThat(lesson.cutoff()).isEqualTo(0.01);
		assertThat(lesson.loss()).isEqualTo(AngleLoss.LESSON);
		assertThat(lesson.zoom()).isEqualTo(new HistogramRange(1000, 80, 100));
		assertThat(lesson.pairs()).isEqualTo(49_995_000L);
	}

	@Test
	void invariantsNameTheValue() {
		AngleExperiment lesson = AngleExperiment.lesson();
		assertThatThrownBy(() -> AngleExperiment.lesson(1, 100, 0)).isInstanceOf(InvalidInputException.class)
			.hasMessage("vectors must be at least 2 but was 1");
		assertThatThrownBy(() -> lesson.withSteps(-1)).hasMessage("steps must be at least 0 but was -1");
		assertThatThrownBy(() -> lesson.withLearningRate(0)).hasMessageContaining("learningRate must be positive");
		assertThatThrownBy(() -> new AngleExperiment(10, 10, 0, 1, 0.01, 1.0, 0.999, 1e-8, AngleLoss.LESSON, 0.01, 32,
				HistogramRange.FULL, HistogramRange.LESSON_ZOOM))
			.hasMessage("beta1 must be in [0, 1) but was 1.0");
		assertThatThrownBy(() -> new AngleExperiment(10, 10, 0, 1, 0.01, 0.9, 0.999, 1e-8, AngleLoss.LESSON, 0.01, 24,
				HistogramRange.FULL, HistogramRange.LESSON_ZOOM))
			.hasMessage("smoothMaxExponent must be a power of two in [2, 64] but was 24");
		assertThatThrownBy(() -> new HistogramRange(10, 100, 80)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("0 <= from < to <= 180");
		assertThatThrownBy(() -> new HistogramRange(0, 0, 180)).hasMessage("bins must be at least 1 but was 0");
	}

	@Test
	void limitsAnswer413WithLimitAndRequested() {
		AngleLimits limits = new AngleLimits(1_000, 64, 10_000, 100, 1_000, 1, 64, 4);
		limits.check(AngleExperiment.lesson(1_000, 10, 0)
			.withSteps(100)
			.withLoss(AngleLoss.SMOOTH_MAX_COSINE)
			.withLearningRate(0.001));
		LimitExceededException tooMany = catchLimit(() -> limits.check(AngleExperiment.lesson(1_001, 10, 0)));
		assertThat(tooMany.properties()).containsEntry("limit", 1_000L).containsEntry("requested", 1_001L);
		assertThat(catchLimit(() -> limits.check(AngleExperiment.lesson(1_000, 11, 0))).getMessage())
			.startsWith("vectors × dimensions: limit is 10,000 numbers");
		assertThat(catchLimit(() -> limits.check(AngleExperiment.lesson(100, 10, 0).withSteps(101))).properties())
			.containsEntry("requested", 101L);
		assertThat(catchLimit(() -> limits.check(new AngleExperiment(100, 10, 0, 1, 0.01, 0.9, 0.999, 1e-8,
				AngleLoss.LESSON, 0.01, 32, HistogramRange.FULL, new HistogramRange(1_001, 80, 100))))
			.getMessage()).startsWith("zoom histogram bins: limit is 1,000 bins");
		assertThat(AngleLimits.DEFAULT.maxVectors()).isEqualTo(100_000);
		assertThat(AngleLimits.DEFAULT.maxElements()).isEqualTo(10_000_000L);
		assertThat(AngleLimits.DEFAULT.workers()).isEqualTo(2);
		assertThat(AngleLimits.DEFAULT.tileSize()).isEqualTo(1024);
	}

	private static LimitExceededException catchLimit(Runnable call) {
		try {
			call.run();
		}
		catch (LimitExceededException ex) {
			return ex;
		}
		throw new AssertionError("expected a LimitExceededException");
	}

}
