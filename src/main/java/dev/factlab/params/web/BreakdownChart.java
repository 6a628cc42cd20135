package dev.factlab.params.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.ResponseEntity;

import dev.factlab.params.Category;
import dev.factlab.params.CategoryTotal;
import dev.factlab.params.Convention;
import dev.factlab.params.ParameterBreakdown;
import dev.factlab.web.Svg;

/**
 * Draws a breakdown as a hand-written SVG, 800 px wide: one horizontal bar per category
 * of the lesson, scaled to its share of the total under one convention, labelled like
 * "MLP 115,964,116,992 (66.2%)". All text is escaped for XML and non-ASCII characters are
 * written as character references, so the document is plain ASCII.
 */
final class BreakdownChart {

	private static final int WIDTH = 800;

	private static final int MARGIN = 24;

	private static final int ROW = 50;

	private static final int TOP = 100;

	private static final Map<Category, String> COLOURS = Map.of(Category.EMBEDDING, "#4e79a7",
			Category.POSITION_EMBEDDING, "#76b7b2", Category.ATTENTION, "#f28e2b", Category.MLP, "#e15759",
			Category.NORMS, "#59a14f", Category.UNEMBEDDING, "#b07aa1");

	private BreakdownChart() {
	}

	static ResponseEntity<String> response(String title, ParameterBreakdown breakdown, Convention convention) {
		return Svg.response(render(title, breakdown, convention));
	}

	static String render(String title, ParameterBreakdown breakdown, Convention convention) {
		long total = breakdown.conventions().total(convention);
		var rows = breakdown.categories().stream().filter(c -> c.count(convention) > 0).toList();
		int height = TOP + rows.size() * ROW + 50;
		String heading = "%s: %s parameters".formatted(title, number(total));
		StringBuilder svg = new StringBuilder(2048);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"Helvetica, Arial, sans-serif\">\n");
		svg.append("<title id=\"chart-title\">").append(escape(heading)).append("</title>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		text(svg, 36, 20, "#1a1a1a", " font-weight=\"bold\"", heading);
		text(svg, 62, 13, "#555555", "", describe(convention));
		int y = TOP;
		int track = WIDTH - 2 * MARGIN;
		for (CategoryTotal row : rows) {
			double share = row.share(convention);
			text(svg, y, 15, "#1a1a1a", "",
					"%s %s (%s)".formatted(row.category().label(), number(row.count(convention)), percent(share)));
			long bar = Math.max(1, Math.round(share * track));
			svg.append("<rect x=\"")
				.append(MARGIN)
				.append("\" y=\"")
				.append(y + 8)
				.append("\" width=\"")
				.append(track)
				.append("\" height=\"20\" rx=\"3\" fill=\"#eeeeee\"/>\n");
			svg.append("<rect x=\"")
				.append(MARGIN)
				.append("\" y=\"")
				.append(y + 8)
				.append("\" width=\"")
				.append(bar)
				.append("\" height=\"20\" rx=\"3\" fill=\"")
				.append(COLOURS.get(row.category()))
				.append("\"/>\n");
			y += ROW;
		}
		text(svg, y + 10, 12, "#555555", "", footer(breakdown, convention));
		return svg.append("</svg>\n").toString();
	}

	private static String describe(Convention convention) {
		return convention == Convention.MATRICES
				? "matrices convention: weight matrices only, unembedding counted apart from the embedding (the lesson's count)"
				: "full convention: every trained tensor as configured (biases, norms, learned positions; a tied unembedding once)";
	}

	private static String footer(ParameterBreakdown breakdown, Convention convention) {
		return convention == Convention.MATRICES
				? "Not counted under this convention: biases, norms, position embeddings. Full count: "
						+ number(breakdown.conventions().full())
				: "Matrices count (the lesson's): " + number(breakdown.conventions().matrices());
	}

	private static void text(StringBuilder svg, int y, int size, String fill, String extra, String content) {
		svg.append("<text x=\"")
			.append(MARGIN)
			.append("\" y=\"")
			.append(y)
			.append("\" font-size=\"")
			.append(size)
			.append("\" fill=\"")
			.append(fill)
			.append('"')
			.append(extra)
			.append('>')
			.append(escape(content))
			.append("</text>\n");
	}

	static String number(long n) {
		return String.format(Locale.US, "%,d", n);
	}

	/** One decimal; a share too small to show as 0.1% but not zero reads "<0.1%". */
	static String percent(double share) {
		if (share > 0 && share < 0.0005) {
			return "<0.1%";
		}
		return String.format(Locale.US, "%.1f%%", share * 100);
	}

	/**
	 * XML-escapes text; writes non-ASCII as character references and drops characters XML
	 * 1.0 forbids.
	 */
	static String escape(String text) {
		return Svg.escape(text);
	}

}
