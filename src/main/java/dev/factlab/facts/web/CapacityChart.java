package dev.factlab.facts.web;

import java.util.List;
import java.util.Locale;

import dev.factlab.facts.CapacityPoint;
import dev.factlab.facts.CapacityResult;
import dev.factlab.web.Svg;

/**
 * Recall@1 or noise against facts per dimension (log2 axis), one line per job and D, 800
 * × 440.
 */
final class CapacityChart {

	static final int WIDTH = 800, HEIGHT = 440, LEFT = 80, RIGHT = 600, TOP = 70, BOTTOM = 380;

	static final String[] COLOURS = { "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#b07aa1", "#9c755f",
			"#edc948" };

	private CapacityChart() {
	}

	/** A labelled run: one job's result. */
	record Run(String label, CapacityResult result) {
	}

	static String render(String metric, List<Run> runs) {
		boolean recall = metric.equals("recall");
		String title = recall ? "Recall@1 against facts per dimension"
				: "Noise (largest wrong score) against facts per dimension";
		Svg svg = Svg.document(WIDTH, HEIGHT, title);
		svg.text(LEFT, 28, 18, "#1a1a1a", "start", "bold", title);
		svg.text(LEFT, 50, 12, "#333333", "start", "normal", recall ? "one neuron per fact; a line per run and D"
				: "median noise per fact; 0.5 is where exact recall fails");
		double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, maxY = recall ? 1 : 0.5;
		for (Run run : runs) {
			for (CapacityPoint p : run.result().points()) {
				double x = log2(p.factsPerDimension());
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				maxY = recall ? 1 : Math.max(maxY, p.noiseMedian());
			}
		}
		if (!(maxX > minX)) {
			minX -= 1;
			maxX += 1;
		}
		svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "#333333", null);
		svg.line(LEFT, TOP, LEFT, BOTTOM, "#333333", null);
		for (int t = 0; t <= 4; t++) {
			double value = maxY * t / 4;
			double y = BOTTOM - value / maxY * (BOTTOM - TOP);
			svg.line(LEFT - 4, y, RIGHT, y, "#e6e6e6", null);
			svg.text(LEFT - 7, y + 4, 10, "#333333", "end", "normal", String.format(Locale.ROOT, "%.2f", value));
		}
		for (long e = (long) Math.ceil(minX); e <= Math.floor(maxX); e++) {
			double x = LEFT + (e - minX) / (maxX - minX) * (RIGHT - LEFT);
			svg.text(x, BOTTOM + 18, 11, "#333333", "middle", "normal", format(Math.pow(2, e)));
		}
		svg.text((LEFT + RIGHT) / 2.0, BOTTOM + 40, 12, "#333333", "middle", "normal",
				"facts per dimension (F / D, log scale)");
		int line = 0;
		for (Run run : runs) {
			for (int d : run.result().spec().dimensions()) {
				List<CapacityPoint> points = run.result().points().stream().filter(p -> p.dimensions() == d).toList();
				double[] xy = new double[2 * points.size()];
				for (int i = 0; i < points.size(); i++) {
					CapacityPoint p = points.get(i);
					double value = recall ? p.recallAt1() : p.noiseMedian();
					xy[2 * i] = LEFT + (log2(p.factsPerDimension()) - minX) / (maxX - minX) * (RIGHT - LEFT);
					xy[2 * i + 1] = BOTTOM - value / maxY * (BOTTOM - TOP);
				}
				String colour = COLOURS[line % COLOURS.length];
				svg.polyline(xy, colour, 2);
				double ly = TOP + 10 + 18 * line;
				svg.line(RIGHT + 15, ly - 4, RIGHT + 35, ly - 4, colour, null);
				svg.text(RIGHT + 40, ly, 11, "#333333", "start", "normal", "%s, D=%d".formatted(run.label(), d));
				line++;
			}
		}
		return svg.end();
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

	private static String format(double x) {
		return x >= 1 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "1/%.0f", 1 / x);
	}

}
