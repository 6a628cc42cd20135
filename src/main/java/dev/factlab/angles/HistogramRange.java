package dev.factlab.angles;

import dev.factlab.errors.InvalidInputException;

/**
 * Equal-width angle bins over [{@code fromDegrees}, {@code toDegrees}]. Bins are
 * half-open, [a, b), except that a histogram ending at 180° counts exactly opposite pairs
 * in its last bin.
 *
 * @param bins number of bins, at least 1
 * @param fromDegrees lower edge, in [0°, 180°)
 * @param toDegrees upper edge, in (fromDegrees, 180°]
 */
public record HistogramRange(int bins, double fromDegrees, double toDegrees) {

	/** One-degree bins over every possible angle. */
	public static final HistogramRange FULL = new HistogramRange(180, 0, 180);

	/** The lesson's plot: 1,000 bins over 80°–100° (it hides the pairs outside). */
	public static final HistogramRange LESSON_ZOOM = new HistogramRange(1000, 80, 100);

	public HistogramRange {
		if (bins < 1) {
			throw new InvalidInputException("Invalid histogram", "bins must be at least 1 but was " + bins);
		}
		if (!(fromDegrees >= 0 && fromDegrees < toDegrees && toDegrees <= 180)) {
			throw new InvalidInputException("Invalid histogram",
					"range must satisfy 0 <= from < to <= 180 degrees but was [%s, %s]".formatted(fromDegrees,
							toDegrees));
		}
	}

	/** Left edge of bin {@code k}; {@code edgeDegrees(bins)} is {@code toDegrees}. */
	public double edgeDegrees(int k) {
		return (k == bins) ? toDegrees : fromDegrees + k * (toDegrees - fromDegrees) / bins;
	}

}
