package dev.factlab.angles;

import java.util.Arrays;
import java.util.Objects;

/**
 * Counts of the unordered pairs of vectors by the angle between them, each pair once.
 * Pairs outside the range are counted too, in {@code below} and {@code above}, so that a
 * zoomed histogram never hides the tails: {@code total()} is always N(N−1)/2.
 *
 * @param range the bins
 * @param counts pairs per bin, [range.bins()]; not copied, do not modify
 * @param below pairs with an angle below {@code range.fromDegrees()}
 * @param above pairs with an angle at or above {@code range.toDegrees()} (0 when the
 * range ends at 180°)
 */
public record AngleHistogram(HistogramRange range, long[] counts, long below, long above) {

	public AngleHistogram {
		Objects.requireNonNull(range, "range");
		Objects.requireNonNull(counts, "counts");
		if (counts.length != range.bins()) {
			throw new IllegalArgumentException(
					"counts expected [bins=%d] but was [%d]".formatted(range.bins(), counts.length));
		}
		if (below < 0 || above < 0 || Arrays.stream(counts).anyMatch(c -> c < 0)) {
			throw new IllegalArgumentException("counts must not be negative");
		}
	}

	/** Every pair: the bins plus {@code below} and {@code above}. */
	public long total() {
		return Arrays.stream(counts).sum() + below + above;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AngleHistogram h && range.equals(h.range) && Arrays.equals(counts, h.counts)
				&& below == h.below && above == h.above;
	}

	@Override
	public int hashCode() {
		return Objects.hash(range, Arrays.hashCode(counts), below, above);
	}

	@Override
	public String toString() {
		return "AngleHistogram[%s, total=%d, below=%d, above=%d]".formatted(range, total(), below, above);
	}

}
