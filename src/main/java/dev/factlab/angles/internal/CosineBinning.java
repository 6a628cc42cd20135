package dev.factlab.angles.internal;

import java.util.Arrays;
import java.util.TreeSet;

import dev.factlab.angles.AngleHistogram;
import dev.factlab.angles.HistogramRange;

/**
 * Exact angle binning without an acos per pair. Every angle that matters (both
 * histograms' bin edges and the thresholds 10°, 85°, 89°, 91°, 95°, 170°) becomes a
 * cosine edge, once. A pair's only fact then is its rank: how many edges lie strictly
 * below its cosine c, since θ ≥ edge ⇔ c ≤ cos(edge). The rank comes from a table over
 * {@link #CELLS} equal cells of [−1, 1]: most cells hold no edge, and their rank is known
 * in advance; in the few that do (widened by {@link #MARGIN} of a cell, more than the
 * float rounding of {@link #cell}) a short search settles it.
 * <p>
 * The same cells, counted, are the fine histogram that quantiles come from: 2/CELLS ≈
 * 3.1e-5 in cosine, 0.0017° at 90°. The tables are kept small (256 KB of codes, 512 KB of
 * counts per lane, inside a core's 1 MB L2 cache here) because the counting loop touches
 * both once per pair, at random.
 */
final class CosineBinning {

	static final int CELLS = 1 << 16;

	static final float HALF_CELLS = CELLS / 2;

	static final double CELL_WIDTH = 2.0 / CELLS;

	/**
	 * Adding 1.5·2<sup>23</sup> to a float in [−0.5, 2<sup>22</sup>] rounds it to an
	 * integer that its low bits then hold: a float-to-int conversion the Vector API runs
	 * at full speed (its F2I conversion does not, in Java 17).
	 */
	static final float ROUNDING = 12_582_912f;

	static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);

	/**
	 * How far, in cells, a cosine may lie outside the cell {@link #cell} puts it in: the
	 * only rounding is in the addition of CELLS/2 − 0.5, at most 2<sup>−8</sup> cell; the
	 * margin is 4× that.
	 */
	static final double MARGIN = 1.0 / 64;

	/** Near-parallel below 10° or at 170° and above; within 1° and 5° of 90°. */
	static final double[] THRESHOLD_DEGREES = { 10, 85, 89, 91, 95, 170 };

	private final double[] edges;

	/**
	 * Per cell: its rank when no edge is near, else −1 − (the rank where a search must
	 * start).
	 */
	private final int[] codes;

	CosineBinning(HistogramRange... ranges) {
		TreeSet<Double> cosines = new TreeSet<>();
		for (double degrees : THRESHOLD_DEGREES) {
			cosines.add(cosine(degrees));
		}
		for (HistogramRange range : ranges) {
			for (int k = 0; k <= range.bins(); k++) {
				cosines.add(cosine(range.edgeDegrees(k)));
			}
		}
		this.edges = cosines.stream().mapToDouble(Double::doubleValue).toArray();
		this.codes = new int[CELLS];
		double margin = MARGIN * CELL_WIDTH;
		int below = 0; // edges < lo − margin
		int upTo = 0; // edges <= hi + margin
		for (int cell = 0; cell < CELLS; cell++) {
			double lo = -1 + cell * CELL_WIDTH;
			double hi = lo + CELL_WIDTH;
			while (below < edges.length && edges[below] < lo - margin) {
				below++;
			}
			while (upTo < edges.length && edges[upTo] <= hi + margin) {
				upTo++;
			}
			codes[cell] = (upTo > below) ? -1 - below : below;
		}
	}

	/**
	 * The cell of a cosine c in [−1, 1]: round(c·CELLS/2 + CELLS/2 − 0.5), i.e. floor((c
	 * + 1)·CELLS/2) up to {@link #MARGIN}, at most CELLS − 1. {@link VectorTileKernels}
	 * computes the same, lane by lane.
	 */
	static int cell(float c) {
		float position = c * HALF_CELLS + (HALF_CELLS - 0.5f);
		return Math.min(Float.floatToRawIntBits(position + ROUNDING) - ROUNDING_BITS, CELLS - 1);
	}

	int edgeCount() {
		return edges.length;
	}

	/** The rank of a cell, or a negative code for {@link #rank}. */
	int code(int cell) {
		return codes[cell];
	}

	/**
	 * The number of edges strictly below {@code c}, for a cosine in a cell whose code is
	 * negative.
	 */
	int rank(float c, int code) {
		int r = -1 - code;
		while (r < edges.length && edges[r] < c) {
			r++;
		}
		return r;
	}

	/**
	 * Turns counts per rank into counts above each edge.
	 * @param perRank [edgeCount() + 1] pairs per rank. Not modified.
	 * @return [edgeCount()]: element i is the number of pairs with cosine above edge i
	 * (angle below it)
	 */
	long[] countsAbove(long[] perRank) {
		long[] above = new long[edges.length];
		long sum = 0;
		for (int i = edges.length - 1; i >= 0; i--) {
			sum += perRank[i + 1];
			above[i] = sum;
		}
		return above;
	}

	/**
	 * Pairs with an angle below {@code degrees}, an edge given to the constructor or a
	 * threshold.
	 */
	long pairsBelow(long[] countsAbove, double degrees) {
		int index = Arrays.binarySearch(edges, cosine(degrees));
		if (index < 0) {
			throw new IllegalArgumentException(degrees + "° is not an edge of this binning");
		}
		return countsAbove[index];
	}

	/** The histogram over {@code range}, which must be one the binning was made for. */
	AngleHistogram histogram(HistogramRange range, long[] countsAbove, long pairs) {
		long[] counts = new long[range.bins()];
		for (int k = 0; k < counts.length; k++) {
			counts[k] = pairsBelow(countsAbove, range.edgeDegrees(k + 1))
					- pairsBelow(countsAbove, range.edgeDegrees(k));
		}
		long below = pairsBelow(countsAbove, range.fromDegrees());
		long above = pairs - pairsBelow(countsAbove, range.toDegrees());
		if (range.toDegrees() == 180) {
			counts[counts.length - 1] += above; // exactly opposite pairs: the last bin is
												// closed at 180°
			above = 0;
		}
		return new AngleHistogram(range, counts, below, above);
	}

	static double cosine(double degrees) {
		return Math.cos(Math.toRadians(degrees));
	}

	/** The upper cosine of a cell. */
	static double cellTop(int cell) {
		return -1 + (cell + 1) * CELL_WIDTH;
	}

}
