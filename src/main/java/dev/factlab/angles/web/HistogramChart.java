package dev.factlab.angles.web;

import java.util.Locale;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.web.Svg;

/**
 * Draws a pairwise-angle histogram as SVG, 800 × 440: bars over the chosen range on a log
 * or linear count axis, the Welch bound as dashed lines, and the pairs outside the range
 * written out, so a zoom never hides the tails.
 */
final class HistogramChart {

	static final int WIDTH = 800, HEIGHT = 460, LEFT = 70, RIGHT = 780, TOP = 110, BOTTOM = 400;

	private HistogramChart() {
	}

	/**
	 * @param histogram the stored bins; the drawn ones are those inside [from, to]
	 * @param welchDegrees the best possible worst-case angle, drawn at it and at 180°
	 * minus it
	 * @param summary one line of statistics shown under the title
	 */
	static String render(String title, String summary, AngleHistogram histogram, double from, double to, boolean log,
			double welchDegrees) {
		int first = 0;
		while (first < histogram.range().bins() && histogram.range().edgeDegrees(first) < from - 1e-9) {
			first++;
		}
		int last = histogram.range().bins();
		while (last > first && histogram.range().edgeDegrees(last) > to + 1e-9) {
			last--;
		}
		long shown = 0;
		long peak = 1;
		long total = histogram.below() + histogram.above();
		for (int k = 0; k < histogram.range().bins(); k++) {
			total += histogram.counts()[k];
			if (k >= first && k < last) {
				shown += histogram.counts()[k];
				peak = Math.max(peak, histogram.counts()[k]);
			}
		}
		double lo = first < last ? histogram.range().edgeDegrees(first) : from;
		double hi = first < last ? histogram.range().edgeDegrees(last) : to;
		Svg svg = Svg.document(WIDTH, HEIGHT, title);
		svg.text(LEFT, 28, 18, "#1a1a1a", "start", "bold", title);
		String[] lines = summary.split("\n");
		for (int i = 0; i < lines.length; i++) {
			svg.text(LEFT, 50 + 17 * i, 12, "#333333", "start", "normal", lines[i]);
		}
		svg.text(LEFT, 50 + 17 * lines.length, 12, total - shown > 0 ? "#b00020" : "#555555", "start", "normal",
				"%,d of %,d pairs drawn; %,d pairs lie outside %s°–%s° and are not drawn".formatted(shown, total,
						total - shown, degrees(lo), degrees(hi)));
		CountAxis axis = new CountAxis(peak, log, TOP, BOTTOM);
		axis.draw(svg);
		double width = (RIGHT - LEFT) / (double) Math.max(1, last - first);
		for (int k = first; k < last; k++) {
			long count = histogram.counts()[k];
			if (count > 0) {
				double y = axis.y(count);
				svg.rect(LEFT + (k - first) * width, y, Math.max(width, 0.6), BOTTOM - y, "#4e79a7");
			}
		}
		for (double welch : new double[] { welchDegrees, 180 - welchDegrees }) {
			if (welch > lo && welch < hi) {
				double x = LEFT + (welch - lo) / (hi - lo) * (RIGHT - LEFT);
				svg.line(x, TOP, x, BOTTOM, "#e15759", "5,4");
				boolean left = welch < 90;
				svg.text(left ? x - 3 : x + 3, TOP + 12, 11, "#e15759", left ? "end" : "start", "normal",
						"Welch " + degrees(welch) + "°");
			}
		}
		for (int t = 0; t <= 8; t++) {
			double value = lo + t * (hi - lo) / 8;
			double x = LEFT + t * (RIGHT - LEFT) / 8.0;
			svg.line(x, BOTTOM, x, BOTTOM + 5, "#333333", null);
			svg.text(x, BOTTOM + 18, 11, "#333333", "middle", "normal", degrees(value) + "°");
		}
		svg.text((LEFT + RIGHT) / 2.0, BOTTOM + 40, 12, "#333333", "middle", "normal",
				"angle between a pair of vectors (" + (log ? "log" : "linear") + " count axis)");
		return svg.end();
	}

	static String degrees(double value) {
		return Math.abs(value - Math.rint(value)) < 1e-9 ? String.valueOf((long) Math.rint(value))
				: String.format(Locale.ROOT, "%.1f", value);
	}

	/** The vertical axis: pair counts, log10 or linear, from 0 (or 1) to the peak. */
	static final class CountAxis {

		private final double max;

		private final boolean log;

		private final double top;

		private final double bottom;

		/**
		 * @param top, bottom the plot's vertical extent in pixels; it spans LEFT to RIGHT
		 */
		CountAxis(long peak, boolean log, double top, double bottom) {
			this.log = log;
			this.max = log ? Math.ceil(Math.log10(Math.max(10, peak))) : peak;
			this.top = top;
			this.bottom = bottom;
		}

		double y(long count) {
			double fraction = log ? Math.log10(Math.max(1, count)) / max : count / max;
			return bottom - fraction * (bottom - top);
		}

		void draw(Svg svg) {
			svg.line(LEFT, bottom, RIGHT, bottom, "#333333", null);
			svg.line(LEFT, top, LEFT, bottom, "#333333", null);
			int ticks = log ? (int) max : 4;
			for (int t = 0; t <= ticks; t++) {
				long value = log ? (long) Math.pow(10, t) : Math.round(max * t / ticks);
				double y = log ? bottom - t / max * (bottom - top) : y(value);
				svg.line(LEFT - 4, y, RIGHT, y, "#e6e6e6", null);
				svg.text(LEFT - 7, y + 4, 10, "#333333", "end", "normal", String.format(Locale.ROOT, "%,d", value));
			}
		}

	}

}
