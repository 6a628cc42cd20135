package dev.factlab.angles.internal;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.HistogramRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The tiled angle statistics against a brute-force acos of every pair in double. */
class AngleScanTest {

	/** float32 Gram entries of unit rows against the same cosines in double. */
	static final double COSINE_TOLERANCE = 1e-6;

	/**
	 * Mean and std: the polynomial acos (2e-8 rad) summed in float per row, double across
	 * rows.
	 */
	static final double MOMENT_TOLERANCE_DEGREES = 1e-4;

	static final HistogramRange FULL = HistogramRange.FULL;

	static final HistogramRange ZOOM = HistogramRange.LESSON_ZOOM;

	@Test
	void handCountedCase() {
		// e1, e2, −e1, e1: pairs at 90°, 180°, 0°, 90°, 90°, 180°.
		float[] v = { 1, 0, 0, 1, -1, 0, 1, 0 };
		AngleStatistics stats = new AngleEngine(2, 3, true).measure(v, 4, 2, FULL, ZOOM, () -> false);
		assertThat(stats.pairs()).isEqualTo(6);
		assertThat(stats.histogram().counts()[0]).isEqualTo(1);
		assertThat(stats.histogram().counts()[90]).isEqualTo(3);
		assertThat(stats.histogram().counts()[179]).as("180° closes the last bin").isEqualTo(2);
		assertThat(stats.histogram().total()).isEqualTo(6);
		assertThat(stats.zoom().below()).isEqualTo(1);
		assertThat(stats.zoom().above()).isEqualTo(2);
		assertThat(stats.zoom().counts()[500]).as("[90°, 90.02°)").isEqualTo(3);
		assertThat(stats.minDegrees()).isEqualTo(0);
		assertThat(stats.maxDegrees()).isEqualTo(180);
		// mean (0 + 3·90 + 2·180)/6 = 105; variance (105² + 3·15² + 2·75²)/6 = 3825
		assertThat(stats.meanDegrees()).isCloseTo(105, offset(MOMENT_TOLERANCE_DEGREES));
		assertThat(stats.stdDegrees()).isCloseTo(Math.sqrt(3825), offset(MOMENT_TOLERANCE_DEGREES));
		assertThat(stats.nearParallelPairs()).isEqualTo(3);
		assertThat(stats.within1Degree()).isEqualTo(0.5);
		assertThat(stats.quantiles().get(2).degrees()).isCloseTo(90, offset(0.002));
		assertThat(stats.minNorm()).isEqualTo(1);
	}

	@Test
	void matchesBruteForceOnEveryBinAndFigure() {
		int n = 437;
		int d = 8;
		float[] v = withTails(n, d, 21);
		AngleStatistics stats = new AngleEngine(2, 64, true).measure(v, n, d, FULL, ZOOM, () -> false);
		BruteForce reference = new BruteForce(v, n, d);

		assertThat(stats.pairs()).isEqualTo((long) n * (n - 1) / 2);
		assertThat(stats.histogram().total()).isEqualTo(stats.pairs());
		assertThat(stats.zoom().total()).isEqualTo(stats.pairs());
		assertMatches(stats.histogram(), reference);
		assertMatches(stats.zoom(), reference);

		assertThat(Math.cos(Math.toRadians(stats.minDegrees()))).isCloseTo(reference.sortedCosines[0],
				offset(COSINE_TOLERANCE));
		assertThat(Math.cos(Math.toRadians(stats.maxDegrees()))).isCloseTo(reference.sortedCosines[reference.pairs - 1],
				offset(COSINE_TOLERANCE));
		assertThat(stats.meanDegrees()).isCloseTo(reference.mean, offset(MOMENT_TOLERANCE_DEGREES));
		assertThat(stats.stdDegrees()).isCloseTo(reference.std, offset(MOMENT_TOLERANCE_DEGREES));

		assertThat(reference.nearParallel).as("the case has tails").isGreaterThan(20);
		assertThat(Math.abs(stats.nearParallelPairs() - reference.nearParallel))
			.isLessThanOrEqualTo(reference.borderline(10, 170));
		assertThat(Math.abs(stats.within1Degree() - reference.within1) * reference.pairs)
			.isLessThanOrEqualTo(reference.borderline(89, 91));
		assertThat(Math.abs(stats.within5Degrees() - reference.within5) * reference.pairs)
			.isLessThanOrEqualTo(reference.borderline(85, 95));

		for (AngleStatistics.Quantile quantile : stats.quantiles()) {
			// The k-th largest cosine, k = ceil(level · pairs), lies in the cell the
			// quantile was interpolated in.
			int k = (int) Math.ceil(quantile.level() * reference.pairs);
			assertThat(Math.cos(Math.toRadians(quantile.degrees()))).as("quantile %s", quantile.level())
				.isCloseTo(reference.sortedCosines[Math.max(k, 1) - 1],
						offset(CosineBinning.CELL_WIDTH * (1 + 2 * CosineBinning.MARGIN) + COSINE_TOLERANCE));
		}
		assertThat(stats.minNorm()).isCloseTo(reference.minNorm, offset(COSINE_TOLERANCE));
		assertThat(stats.maxNorm()).isCloseTo(reference.maxNorm, offset(COSINE_TOLERANCE));
	}

	@Test
	void countsDoNotDependOnKernelsTilesOrWorkers() {
		int n = 301;
		int d = 6;
		float[] v = withTails(n, d, 22);
		AngleStatistics expected = new AngleEngine(2, 64, true).measure(v, n, d, FULL, ZOOM, () -> false);
		for (AngleEngine engine : new AngleEngine[] { new AngleEngine(2, 64, false), new AngleEngine(1, 301, true),
				new AngleEngine(2, 17, true), new AngleEngine(1, 100, false) }) {
			AngleStatistics actual = engine.measure(v, n, d, FULL, ZOOM, () -> false);
			assertThat(actual.histogram()).as(engine.describe()).isEqualTo(expected.histogram());
			assertThat(actual.zoom()).isEqualTo(expected.zoom());
			assertThat(actual.nearParallelPairs()).isEqualTo(expected.nearParallelPairs());
			assertThat(actual.within1Degree()).isEqualTo(expected.within1Degree());
			assertThat(actual.minDegrees()).isEqualTo(expected.minDegrees());
			assertThat(actual.maxDegrees()).isEqualTo(expected.maxDegrees());
			assertThat(actual.meanDegrees()).isCloseTo(expected.meanDegrees(), offset(MOMENT_TOLERANCE_DEGREES));
			assertThat(actual.quantiles()).isEqualTo(expected.quantiles());
		}
	}

	private static void assertMatches(AngleHistogram histogram, BruteForce reference) {
		HistogramRange range = histogram.range();
		long moved = 0;
		for (int k = 0; k < range.bins(); k++) {
			moved += Math.abs(histogram.counts()[k] - reference.count(range.edgeDegrees(k), range.edgeDegrees(k + 1),
					k == range.bins() - 1 && range.toDegrees() == 180));
		}
		moved += Math.abs(histogram.below() - reference.count(0, range.fromDegrees(), false));
		if (range.toDegrees() < 180) {
			moved += Math.abs(histogram.above() - reference.count(range.toDegrees(), 180, true));
		}
		double[] edges = new double[range.bins() + 1];
		for (int k = 0; k <= range.bins(); k++) {
			edges[k] = range.edgeDegrees(k);
		}
		// A pair whose float and double cosines straddle an edge moves between two
		// neighbouring counts.
		assertThat(moved).as("%s", range).isLessThanOrEqualTo(2 * reference.borderline(edges));
	}

	/**
	 * Random rows plus tails: the first 12 rows again with a little noise (a few degrees
	 * apart), the next 12 negated with noise (near 180°), and one exact duplicate.
	 */
	static float[] withTails(int n, int d, long seed) {
		Random random = new Random(seed);
		float[] v = new float[n * d];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) random.nextGaussian();
		}
		for (int i = 0; i < 24; i++) {
			int copy = n - 1 - i;
			for (int k = 0; k < d; k++) {
				float source = v[i * d + k];
				v[copy * d + k] = (float) ((i < 12 ? source : -source) + 0.03 * random.nextGaussian());
			}
		}
		System.arraycopy(v, 30 * d, v, (n - 30) * d, d);
		return v;
	}

	/** Every pair's angle in double, from rows normalised in double. */
	static final class BruteForce {

		final int pairs;

		final double[] angles;

		final double[] cosines;

		final double[] sortedCosines;

		final double mean;

		final double std;

		final long nearParallel;

		final double within1;

		final double within5;

		final double minNorm;

		final double maxNorm;

		BruteForce(float[] v, int n, int d) {
			double[] unit = new double[n * d];
			double lo = Double.POSITIVE_INFINITY;
			double hi = 0;
			for (int i = 0; i < n; i++) {
				double sum = 0;
				for (int k = 0; k < d; k++) {
					sum += (double) v[i * d + k] * v[i * d + k];
				}
				double norm = Math.sqrt(sum);
				lo = Math.min(lo, norm);
				hi = Math.max(hi, norm);
				for (int k = 0; k < d; k++) {
					unit[i * d + k] = v[i * d + k] / norm;
				}
			}
			minNorm = lo;
			maxNorm = hi;
			pairs = n * (n - 1) / 2;
			angles = new double[pairs];
			cosines = new double[pairs];
			int p = 0;
			long near = 0;
			double sum = 0;
			for (int i = 0; i < n; i++) {
				for (int j = i + 1; j < n; j++) {
					double c = 0;
					for (int k = 0; k < d; k++) {
						c += unit[i * d + k] * unit[j * d + k];
					}
					c = Math.max(-1, Math.min(1, c));
					cosines[p] = c;
					angles[p] = Math.toDegrees(Math.acos(c));
					sum += angles[p];
					near += (angles[p] < 10 || angles[p] >= 170) ? 1 : 0;
					p++;
				}
			}
			mean = sum / pairs;
			double squares = 0;
			for (double angle : angles) {
				squares += (angle - mean) * (angle - mean);
			}
			std = Math.sqrt(squares / pairs);
			nearParallel = near;
			within1 = (double) count(89, 91, false) / pairs;
			within5 = (double) count(85, 95, false) / pairs;
			sortedCosines = cosines.clone();
			Arrays.sort(sortedCosines);
			for (int a = 0, b = pairs - 1; a < b; a++, b--) {
				double swap = sortedCosines[a];
				sortedCosines[a] = sortedCosines[b];
				sortedCosines[b] = swap;
			}
		}

		/** Pairs with an angle in [from, to), or [from, to] when {@code closed}. */
		long count(double from, double to, boolean closed) {
			long count = 0;
			for (double angle : angles) {
				if (angle >= from && (angle < to || (closed && angle == to))) {
					count++;
				}
			}
			return count;
		}

		/**
		 * Pairs whose cosine lies within 1e-6 (10× the float32 rounding of a Gram entry)
		 * of an edge's: rounding may put them on the other side of it.
		 */
		long borderline(double... edgeDegrees) {
			double[] edges = Arrays.stream(edgeDegrees)
				.map(degrees -> Math.cos(Math.toRadians(degrees)))
				.sorted()
				.toArray();
			long count = 0;
			for (double c : cosines) {
				int at = Arrays.binarySearch(edges, c);
				int above = (at >= 0) ? at : -at - 1;
				if ((above < edges.length && edges[above] - c < 1e-6) || (above > 0 && c - edges[above - 1] < 1e-6)) {
					count++;
				}
			}
			return count;
		}

	}

}
