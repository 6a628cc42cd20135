package dev.factlab.angles.web;

import java.util.Locale;

import dev.factlab.web.Svg;

/**
 * Draws a loss curve as SVG, 800 × 400: loss against step, on a log axis when every value
 * is positive.
 */
final class LossChart {

	static final int WIDTH = 800, HEIGHT = 400, LEFT = 90, RIGHT = 780, TOP = 70, BOTTOM = 340;

	private LossChart() {
	}

	/**
	 * @param loss the loss at the start of each step. Not modified.
	 */
	static String render(String title, double[] loss) {
		Svg svg = Svg.document(WIDTH, HEIGHT, title);
		svg.text(LEFT, 28, 18, "#1a1a1a", "start", "bold", title);
		if (loss.length == 0) {
			svg.text(LEFT, 60, 13, "#555555", "start", "normal", "No steps were run: there is no loss curve.");
			return svg.end();
		}
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double value : loss) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
		boolean log = min > 0;
		double lo = log ? Math.floor(Math.log10(min)) : Math.min(0, min);
		double hi = log ? Math.ceil(Math.log10(max)) : max;
		if (hi <= lo) {
			hi = lo + 1;
		}
		svg.text(LEFT, 50, 12, "#333333", "start", "normal",
				String.format(Locale.ROOT, "first %.6g, last %.6g, lowest %.6g over %d steps (%s axis)", loss[0],
						loss[loss.length - 1], min, loss.length, log ? "log" : "linear"));
		svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "#333333", null);
		svg.line(LEFT, TOP, LEFT, BOTTOM, "#333333", null);
		int ticks = log ? (int) (hi - lo) : 4;
		for (int t = 0; t <= ticks; t++) {
			double value = lo + (hi - lo) * t / ticks;
			double y = BOTTOM - (value - lo) / (hi - lo) * (BOTTOM - TOP);
			svg.line(LEFT - 4, y, RIGHT, y, "#e6e6e6", null);
			svg.text(LEFT - 7, y + 4, 10, "#333333", "end", "normal",
					log ? String.format(Locale.ROOT, "1e%d", (long) value) : String.format(Locale.ROOT, "%.4g", value));
		}
		double[] points = new double[2 * loss.length];
		for (int i = 0; i < loss.length; i++) {
			double value = log ? Math.log10(loss[i]) : loss[i];
			points[2 * i] = LEFT + (loss.length == 1 ? 0 : (double) i / (loss.length - 1)) * (RIGHT - LEFT);
			points[2 * i + 1] = BOTTOM - (value - lo) / (hi - lo) * (BOTTOM - TOP);
		}
		svg.polyline(points, "#e15759", 2);
		for (int t = 0; t <= 5; t++) {
			double x = LEFT + t * (RIGHT - LEFT) / 5.0;
			svg.text(x, BOTTOM + 18, 11, "#333333", "middle", "normal", String.valueOf(1 + t * (loss.length - 1) / 5));
		}
		svg.text((LEFT + RIGHT) / 2.0, BOTTOM + 40, 12, "#333333", "middle", "normal", "Adam step");
		return svg.end();
	}

}
