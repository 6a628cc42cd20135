package dev.factlab.angles.web;

import java.util.List;
import java.util.Locale;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.web.Svg;

/**
 * Draws two to four finished runs side by side, 800 px wide: their final angle histograms
 * over 0°–180° as lines on a log count axis, and a table of what tells them apart (worst
 * pairs, pairs within 89°–91°, collapsed pairs).
 */
final class ComparisonChart {

	static final int WIDTH = 800, LEFT = 70, RIGHT = 780, TOP = 60, BOTTOM = 330;

	static final String[] COLOURS = { "#4e79a7", "#e15759", "#59a14f", "#b07aa1" };

	private ComparisonChart() {
	}

	/**
	 * One run: its label and its final angles (their full histogram and headline
	 * numbers).
	 */
	record Run(String label, AngleStatistics after) {
	}

	/**
	 * Table columns: the label left-aligned, the numbers right-aligned at these x
	 * positions.
	 */
	private static final int[] COLUMNS = { 390, 470, 560, 650, RIGHT };

	private static void row(Svg svg, int y, String weight, String label, String... cells) {
		svg.text(LEFT, y, 12, "#1a1a1a", "start", weight, label);
		for (int c = 0; c < cells.length; c++) {
			svg.text(COLUMNS[c], y, 12, "#1a1a1a", "end", weight, cells[c]);
		}
	}

	static String render(List<Run> runs, double welchDegrees) {
		int height = BOTTOM + 70 + 22 * (runs.size() + 1);
		Svg svg = Svg.document(WIDTH, height, "Angle experiments compared");
		svg.text(LEFT, 28, 18, "#1a1a1a", "start", "bold", "Pairwise angles after optimisation, compared");
		svg.text(LEFT, 48, 12, "#333333", "start", "normal",
				String.format(Locale.ROOT, "log count axis, every pair drawn; dashed: the Welch bound %.2f° / %.2f°",
						welchDegrees, 180 - welchDegrees));
		long peak = 10;
		for (Run run : runs) {
			for (long count : run.after().histogram().counts()) {
				peak = Math.max(peak, count);
			}
		}
		HistogramChart.CountAxis axis = new HistogramChart.CountAxis(peak, true, TOP, BOTTOM);
		axis.draw(svg);
		for (int t = 0; t <= 6; t++) {
			svg.text(LEFT + t * (RIGHT - LEFT) / 6.0, BOTTOM + 18, 11, "#333333", "middle", "normal", (30 * t) + "°");
		}
		for (double welch : new double[] { welchDegrees, 180 - welchDegrees }) {
			double x = LEFT + welch / 180 * (RIGHT - LEFT);
			svg.line(x, TOP, x, BOTTOM, "#999999", "5,4");
		}
		for (int r = 0; r < runs.size(); r++) {
			AngleHistogram h = runs.get(r).after().histogram();
			double[] points = new double[4 * h.range().bins()];
			for (int k = 0; k < h.range().bins(); k++) {
				double y = axis.y(h.counts()[k]);
				points[4 * k] = LEFT + (h.range().edgeDegrees(k) - 0) / 180 * (RIGHT - LEFT);
				points[4 * k + 1] = y;
				points[4 * k + 2] = LEFT + h.range().edgeDegrees(k + 1) / 180 * (RIGHT - LEFT);
				points[4 * k + 3] = y;
			}
			svg.polyline(points, COLOURS[r % COLOURS.length], 1.5);
		}
		int y = BOTTOM + 50;
		row(svg, y, "bold", "run", "min", "max", "89°–91°", "85°–95°", "near-parallel");
		for (int r = 0; r < runs.size(); r++) {
			Run run = runs.get(r);
			y += 22;
			svg.rect(LEFT - 16, y - 10, 10, 10, COLOURS[r % COLOURS.length]);
			AngleStatistics after = run.after();
			row(svg, y, "normal", run.label(), String.format(Locale.ROOT, "%.2f°", after.minDegrees()),
					String.format(Locale.ROOT, "%.2f°", after.maxDegrees()),
					String.format(Locale.ROOT, "%.2f%%", 100 * after.within1Degree()),
					String.format(Locale.ROOT, "%.2f%%", 100 * after.within5Degrees()),
					String.format(Locale.ROOT, "%,d", after.nearParallelPairs()));
		}
		return svg.end();
	}

}
