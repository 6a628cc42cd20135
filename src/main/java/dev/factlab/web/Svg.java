package dev.factlab.web;

import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A small writer of standalone SVG documents for the service's charts: shapes and text
 * with every string XML-escaped and non-ASCII written as character references, so the
 * document is plain ASCII and safe to embed.
 */
public final class Svg {

	public static final MediaType MEDIA_TYPE = new MediaType("image", "svg+xml");

	private final StringBuilder out = new StringBuilder(8192);

	private Svg(int width, int height, String title) {
		out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" role=\"img\" aria-labelledby=\"title\" font-family=\"Helvetica, Arial, sans-serif\">\n")
			.append("<title id=\"title\">")
			.append(escape(title))
			.append("</title>\n")
			.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	}

	/** Starts a document of {@code width × height} pixels on a white background. */
	public static Svg document(int width, int height, String title) {
		return new Svg(width, height, title);
	}

	public Svg rect(double x, double y, double width, double height, String fill) {
		out.append("<rect x=\"")
			.append(num(x))
			.append("\" y=\"")
			.append(num(y))
			.append("\" width=\"")
			.append(num(Math.max(0, width)))
			.append("\" height=\"")
			.append(num(Math.max(0, height)))
			.append("\" fill=\"")
			.append(escape(fill))
			.append("\"/>\n");
		return this;
	}

	public Svg line(double x1, double y1, double x2, double y2, String stroke, String dash) {
		out.append("<line x1=\"")
			.append(num(x1))
			.append("\" y1=\"")
			.append(num(y1))
			.append("\" x2=\"")
			.append(num(x2))
			.append("\" y2=\"")
			.append(num(y2))
			.append("\" stroke=\"")
			.append(escape(stroke))
			.append('"');
		if (dash != null) {
			out.append(" stroke-dasharray=\"").append(escape(dash)).append('"');
		}
		out.append("/>\n");
		return this;
	}

	/** A polyline through {@code points} given as x0, y0, x1, y1, ... */
	public Svg polyline(double[] points, String stroke, double width) {
		out.append("<polyline fill=\"none\" stroke=\"")
			.append(escape(stroke))
			.append("\" stroke-width=\"")
			.append(num(width))
			.append("\" points=\"");
		for (int i = 0; i + 1 < points.length; i += 2) {
			out.append(i == 0 ? "" : " ").append(num(points[i])).append(',').append(num(points[i + 1]));
		}
		out.append("\"/>\n");
		return this;
	}

	/**
	 * @param anchor start, middle or end
	 * @param weight normal or bold
	 */
	public Svg text(double x, double y, int size, String fill, String anchor, String weight, String content) {
		out.append("<text x=\"")
			.append(num(x))
			.append("\" y=\"")
			.append(num(y))
			.append("\" font-size=\"")
			.append(size)
			.append("\" fill=\"")
			.append(escape(fill))
			.append("\" text-anchor=\"")
			.append(escape(anchor))
			.append("\" font-weight=\"")
			.append(escape(weight))
			.append("\">")
			.append(escape(content))
			.append("</text>\n");
		return this;
	}

	public String end() {
		return out.append("</svg>\n").toString();
	}

	/** A finished document as an {@code image/svg+xml} response. */
	public static ResponseEntity<String> response(String document) {
		return ResponseEntity.ok().contentType(MEDIA_TYPE).body(document);
	}

	static String num(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * XML-escapes text; non-ASCII becomes a character reference, characters XML forbids
	 * are dropped.
	 */
	public static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.codePoints().forEach(c -> {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> {
					if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f)) {
						escaped.append((char) c);
					}
					else if (c >= 0x7f && c != 0xfffe && c != 0xffff && !(c >= 0xd800 && c <= 0xdfff)) {
						escaped.append("&#").append(c).append(';');
					}
				}
			}
		});
		return escaped.toString();
	}

}
