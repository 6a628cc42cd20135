package dev.factlab.angles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.factlab.tensor.FloatMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@link AngleOptimiser#measureRows}: the cosine figures against a plain double loop over
 * every pair, the statistics against {@link AngleOptimiser#measure}, progress and
 * cancellation.
 */
class RowAnglesTest {

	/** Two lanes and tiles that do not divide N. */
	final AngleOptimiser optimiser = new AngleOptimiser(AngleLimits.DEFAULT, 2, 64);

	static final HistogramRange ZOOM = new HistogramRange(200, 80, 100);

	/**
	 * Rows of unequal length with structure: a shared direction plus noise, some rows
	 * nearly copies of others, so the tails are far from random.
	 */
	static float[] structured(int n, int d, long seed) {
		Random random = new Random(seed);
		float[] shared = new float[d];
		for (int c = 0; c < d; c++) {
			shared[c] = (float) random.nextGaussian();
		}
		float[] v = new float[n * d];
		for (int r = 0; r < n; r++) {
			double length = 0.5 + 2 * random.nextDouble();
			for (int c = 0; c < d; c++) {
				v[r * d + c] = (float) (length * (0.4 * shared[c] + random.nextGaussian()));
			}
			if (r % 37 == 5) {
				for (int c = 0; c < d; c++) {
					v[r * d + c] = v[(r - 1) * d + c] * 1.5f + 0.01f * (float) random.nextGaussian();
				}
			}
		}
		return v;
	}

	/** Every pair's cosine in double, i < j. */
	static double[] cosines(float[] v, int n, int d) {
		double[] norms = new double[n];
		for (int r = 0; r < n; r++) {
			double sum = 0;
			for (int c = 0; c < d; c++) {
				sum += (double) v[r * d + c] * v[r * d + c];
			}
			norms[r] = Math.sqrt(sum);
		}
		double[] cos = new double[n * (n - 1) / 2];
		int p = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				double dot = 0;
				for (int c = 0; c < d; c++) {
					dot += (double) v[i * d + c] * v[j * d + c];
				}
				cos[p++] = dot / (norms[i] * norms[j]);
			}
		}
		return cos;
	}

	@Test
	void cosineFiguresMatchAPlainLoopOverEveryPair() {
		int n = 700;
		int d = 24;
		float[] v = structured(n, d, 3);
		RowAngles rows = optimiser.measureRows(FloatMatrix.of(n, d, v), HistogramRange.FULL, ZOOM,
				MeasureListener.NONE);
		double[] cos = cosines(v, n, d);
		double sumAbs = 0;
		double sumSquares = 0;
		double[] deviations = new double[cos.length];
		for (int p = 0; p < cos.length; p++) {
			sumAbs += Math.abs(cos[p]);
			sumSquares += cos[p] * cos[p];
			deviations[p] = Math.toDegrees(Math.asin(Math.min(1, Math.abs(cos[p]))));
		}
		// half a cell of 2/65,536 plus float32 rounding of the Gram entries
		assertThat(rows.meanAbsCosine()).isCloseTo(sumAbs / cos.length, offset(2e-5));
		assertThat(rows.rmsCosine()).isCloseTo(Math.sqrt(sumSquares / cos.length), offset(2e-5));
		Arrays.sort(deviations);
		for (double level : RowAngles.DEVIATION_LEVELS) {
			double rank = level * cos.length;
			double below = deviations[Math.max(0, (int) Math.floor(rank) - 1)];
			double above = deviations[Math.min(cos.length - 1, (int) Math.ceil(rank))];
			// between the order statistics around the level, up to a cell (0.002° near
			// 0°)
			assertThat(rows.deviationDegrees(level)).as("deviation quantile %s", level)
				.isBetween(below - 0.01, above + 0.01);
		}
		assertThat(rows.statistics()).as("the same statistics as measure()")
			.isEqualTo(optimiser.measure(v, n, d, HistogramRange.FULL, ZOOM));
	}

	@Test
	void progressCountsEveryPairOnTheCallersThreadAndCancellingStops() {
		int n = 600;
		int d = 16;
		FloatMatrix matrix = FloatMatrix.of(n, d, structured(n, d, 4));
		Thread caller = Thread.currentThread();
		List<Long> reports = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		optimiser.measureRows(matrix, HistogramRange.FULL, ZOOM, (pairs, total) -> {
			assertThat(total).isEqualTo((long) n * (n - 1) / 2);
			reports.add(pairs);
			threads.add(Thread.currentThread());
		});
		assertThat(reports).hasSizeGreaterThan(5).isSorted();
		assertThat(reports.get(reports.size() - 1)).isLessThanOrEqualTo((long) n * (n - 1) / 2);
		assertThat(threads).containsOnly(caller);

		AtomicInteger polls = new AtomicInteger();
		assertThatThrownBy(() -> optimiser.measureRows(matrix, HistogramRange.FULL, ZOOM, new MeasureListener() {
			@Override
			public void measured(long pairs, long totalPairs) {
			}

			@Override
			public boolean cancelRequested() {
				return polls.incrementAndGet() > 3;
			}
		})).isInstanceOf(CancellationException.class);
	}

	@Test
	void randomDirectionsLookLikeTheTextbook() {
		int n = 2000;
		int d = 100;
		RowAngles random = optimiser.measureRows(FloatMatrix.randomNormal(n, d, 1, 9), HistogramRange.FULL, ZOOM,
				MeasureListener.NONE);
		// E[cos²] = 1/D exactly; E|cos| ≈ sqrt(2/(π D)); std of the angle ≈ 1/√D rad
		assertThat(random.rmsCosine()).isCloseTo(1 / Math.sqrt(d), offset(0.002));
		assertThat(random.meanAbsCosine()).isCloseTo(Math.sqrt(2 / (Math.PI * d)), offset(0.002));
		assertThat(random.statistics().stdDegrees()).isCloseTo(Math.toDegrees(1 / Math.sqrt(d)), offset(0.15));
		// the tail bound P(|cos| >= eps) <= 2 exp(-D eps² / 2) at 1e-4
		double eps = Math.sqrt(2 * Math.log(2 / 1e-4) / d);
		assertThat(random.deviationDegrees(0.9999)).isLessThan(Math.toDegrees(Math.asin(eps)));
	}

}
