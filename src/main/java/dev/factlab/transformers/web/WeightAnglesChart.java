package dev.factlab.transformers.web;

import java.util.List;
import java.util.Locale;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.transformers.AngleComparison;
import dev.factlab.transformers.MatrixAngles;
import dev.factlab.web.Svg;

/**
 * Draws a weight-angles result as SVG: one panel per matrix (two columns, at most
 * {@link #MAX_PANELS}), the rows' 1° histogram as bars and the random directions' as a
 * line over it, on a log or linear count axis, with the best possible worst-case angle
 * dashed and the comparison's figures written above.
 */
final class WeightAnglesChart {

	static final int MAX_PANELS = 16;

	static final int COLUMNS = 2, PANEL_WIDTH = 560, PANEL_HEIGHT = 290, HEADER = 70, MARGIN_LEFT = 62,
			MARGIN_RIGHT = 14, PANEL_TOP = 76, PANEL_BOTTOM = 36;

	static final String REAL = "#4e79a7", RANDOM = "#e15759", BOUND = "#59a14f";

	private WeightAnglesChart() {
	}

	static String render(String title, List<MatrixAngles> matrices, boolean log) {
		int panels = Math.min(MAX_PANELS, matrices.size());
		int rows = (panels + COLUMNS - 1) / COLUMNS;
		int width = COLUMNS * PANEL_WIDTH;
		int height = HEADER + rows * PANEL_HEIGHT + 10;
		Svg svg = Svg.document(width, height, title);
		svg.text(16, 26, 17, "#1a1a1a", "start", "bold", title);
		svg.text(16, 46, 12, "#333333", "start", "normal",
				"Bars: the rows' pairwise angles (1° bins, rows normalised). "
						+ "Red line: random Gaussian directions of the same shape. Green dashes: the best possible worst pair.");
		if (matrices.size() > panels) {
			svg.text(16, 62, 12, "#b00020", "start", "normal",
					"%d more matrices are in the result but not drawn".formatted(matrices.size() - panels));
		}
		for (int i = 0; i < panels; i++) {
			panel(svg, matrices.get(i), (i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT, log);
		}
		return svg.end();
	}

	private static void panel(Svg svg, MatrixAngles m, double x0, double y0, boolean log) {
		AngleHistogram real = m.angles().statistics().histogram();
		AngleHistogram random = m.random().statistics().histogram();
		AngleComparison c = m.comparison();
		double left = x0 + MARGIN_LEFT;
		double right = x0 + PANEL_WIDTH - MARGIN_RIGHT;
		double top = y0 + PANEL_TOP;
		double bottom = y0 + PANEL_HEIGHT - PANEL_BOTTOM;
		svg.text(left, y0 + 14, 13, "#1a1a1a", "start", "bold",
				"%s: %,d × %d".formatted(m.name(), m.rows(), m.dimensions()));
		svg.text(left, y0 + 30, 11, "#333333", "start", "normal",
				String.format(Locale.ROOT, "mean |cos| %.4f (random %.4f, %.2fx); RMS cos %.4f (Welch %.4f)",
						c.meanAbsCosine(), c.randomMeanAbsCosine(), c.meanAbsCosineRatio(), c.rmsCosine(),
						c.welchCosine()));
		svg.text(left, y0 + 44, 11, "#333333", "start", "normal", String.format(Locale.ROOT,
				"99.99%% of pairs within %.1f° of 90° (random %.1f°); closest pair %.1f° " + "(random %.1f°)",
				c.deviation9999Degrees(), c.randomDeviation9999Degrees(), c.minDegrees(), c.randomMinDegrees()));
		svg.text(left, y0 + 58, 11, "#333333", "start", "normal", String.format(Locale.ROOT,
				"%.1f%% within 85°–95° (random %.1f%%); near-parallel %.4f%% (random %.4f%%)", 100 * c.within5Degrees(),
				100 * c.randomWithin5Degrees(), 100 * c.nearParallelFraction(), 100 * c.randomNearParallelFraction()));
		long peak = 1;
		for (int k = 0; k < real.counts().length; k++) {
			peak = Math.max(peak, Math.max(real.counts()[k], random.counts()[k]));
		}
		double max = log ? Math.ceil(Math.log10(Math.max(10, peak))) : peak;
		svg.line(left, bottom, right, bottom, "#333333", null);
		svg.line(left, top, left, bottom, "#333333", null);
		int ticks = log ? (int) max : 4;
		for (int t = 0; t <= ticks; t++) {
			double value = log ? Math.pow(10, t) : max * t / ticks;
			double y = y(value, max, log, top, bottom);
			svg.line(left - 3, y, right, y, "#eeeeee", null);
			svg.text(left - 5, y + 3, 9, "#333333", "end", "normal",
					log ? "1e" + t : String.format(Locale.ROOT, "%,.0f", value));
		}
		int bins = real.counts().length;
		double bin = (right - left) / bins;
		for (int k = 0; k < bins; k++) {
			long count = real.counts()[k];
			if (count > 0) {
				double y = y(count, max, log, top, bottom);
				svg.rect(left + k * bin, y, Math.max(bin, 0.6), bottom - y, REAL);
			}
		}
		double[] points = new double[2 * bins];
		for (int k = 0; k < bins; k++) {
			points[2 * k] = left + (k + 0.5) * bin;
			points[2 * k + 1] = y(random.counts()[k], max, log, top, bottom);
		}
		svg.polyline(points, RANDOM, 1.2);
		double from = real.range().fromDegrees();
		double to = real.range().toDegrees();
		for (double bound : new double[] { c.bestWorstCaseDegrees(), 180 - c.bestWorstCaseDegrees() }) {
			double x = left + (bound - from) / (to - from) * (right - left);
			svg.line(x, top, x, bottom, BOUND, "4,3");
		}
		for (int t = 0; t <= 6; t++) {
			double degrees = from + t * (to - from) / 6;
			double x = left + t * (right - left) / 6;
			svg.line(x, bottom, x, bottom + 4, "#333333", null);
			svg.text(x, bottom + 15, 9, "#333333", "middle", "normal", String.format(Locale.ROOT, "%.0f°", degrees));
		}
		svg.text((left + right) / 2, bottom + 28, 10, "#333333", "middle", "normal",
				"angle between two rows (" + (log ? "log" : "linear") + " count axis)");
	}

	/** The height of a count: log10 (counts below 1 sit on the axis) or linear. */
	private static double y(double count, double max, boolean log, double top, double bottom) {
		double fraction = log ? Math.log10(Math.max(1, count)) / max : count / max;
		return bottom - fraction * (bottom - top);
	}

}
