package dev.factlab.angles.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.angles.AngleLimits;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.angles.HistogramRange;
import org.junit.jupiter.api.Test;

/**
 * The largest comparison {@code GET /api/v1/angles/comparison.svg} can ask for stays
 * bounded: factlab.angles.max-compared-jobs runs (more are a 400, AngleJobTests), each
 * with a full histogram of factlab.angles.max-bins bins and the largest counts and
 * longest labels a job can have. The SVG has exactly two points per bin per run, each at
 * most 14 characters ("xxx.xx,yyy.yy "), so its size is known before it is drawn.
 */
class ComparisonChartBoundsTests {

	private static final AngleLimits LIMITS = AngleLimits.DEFAULT;

	private static final int POINT_CHARS = 14;

	private static final int FIXED_CHARS = 16 * 1024;

	@Test
	void aMaximalComparisonHasABoundedSize() {
		int runs = LIMITS.maxComparedJobs();
		int bins = LIMITS.maxBins();
		Random random = new Random(7);
		List<ComparisonChart.Run> maximal = new ArrayList<>();
		for (int r = 0; r < runs; r++) {
			maximal.add(new ComparisonChart.Run(
					"smooth-max-cosine, %,d×%d, seed %d".formatted(LIMITS.maxVectors(), 100, Long.MIN_VALUE),
					statistics(bins, random)));
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		String svg = ComparisonChart.render(maximal, 84.27);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;

		Matcher polylines = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
		int lines = 0;
		while (polylines.find()) {
			lines++;
			assertThat(polylines.group(1).split(" ")).as("points of run %d", lines).hasSize(2 * bins);
		}
		assertThat(lines).isEqualTo(runs);
		long bound = (long) runs * 2 * bins * POINT_CHARS + FIXED_CHARS;
		System.out.printf("comparison of %d runs × %,d bins: %,d characters (bound %,d), %,d bytes allocated%n", runs,
				bins, svg.length(), bound, allocated);
		assertThat((long) svg.length()).isLessThanOrEqualTo(bound);
	}

	/** Pairs of N = maxVectors, spread over every bin with counts up to 10^10. */
	private static AngleStatistics statistics(int bins, Random random) {
		long[] counts = new long[bins];
		long pairs = 0;
		for (int k = 0; k < bins; k++) {
			counts[k] = 1 + (long) (random.nextDouble() * 1e10);
			pairs += counts[k];
		}
		AngleHistogram full = new AngleHistogram(new HistogramRange(bins, 0, 180), counts, 0, 0);
		HistogramRange zoomRange = new HistogramRange(bins, 80, 100);
		AngleHistogram zoom = new AngleHistogram(zoomRange, new long[bins], pairs, 0);
		return new AngleStatistics(pairs, 0.01, 179.99, 90, 30,
				AngleStatistics.QUANTILE_LEVELS.stream().map(l -> new AngleStatistics.Quantile(l, 90)).toList(), 0.5,
				0.7, pairs, 0.5, 2, full, zoom);
	}

}
