package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A model's parameter count as its source prints it, with the rounding the source uses: a
 * preset reproduces it when its {@code full} count, rounded to {@code roundedTo}, equals
 * {@code parameters}.
 *
 * @param parameters the printed count, in parameters (Table D.1's 1,320 (M) is
 * 1,320,000,000)
 * @param roundedTo the unit of the printed count's last significant digit (10,000,000 for
 * 1,320M); 1 for an exact count
 * @param source where the count is printed
 */
@Schema(description = "The published parameter count and the rounding its source uses")
public record PublishedTotal(
		@Schema(description = "The printed count, in parameters", example = "174600000000") long parameters,
		@Schema(description = "The unit of the printed count's last significant digit; 1 for an exact count",
				example = "100000000") long roundedTo,
		@Schema(description = "Where the count is printed", example = "Brown et al. (2020), Table D.1") String source) {

	public PublishedTotal {
		if (parameters <= 0 || roundedTo <= 0 || parameters % roundedTo != 0) {
			throw new IllegalArgumentException(
					"a published total needs positive parameters that are a multiple of roundedTo, got %d and %d"
						.formatted(parameters, roundedTo));
		}
	}

	/** An exact count, as a released checkpoint has. */
	static PublishedTotal exact(long parameters, String source) {
		return new PublishedTotal(parameters, 1, source);
	}

	/**
	 * A count printed in millions with its last significant digit where the printed
	 * number has it: 1,320 (M) is rounded to 10 M, 356 (M) to 1 M, 174,600 (M) to 100 M.
	 */
	static PublishedTotal millions(long printedMillions, String source) {
		long unit = 1;
		while (printedMillions % (unit * 10) == 0) {
			unit *= 10;
		}
		return new PublishedTotal(printedMillions * 1_000_000L, unit * 1_000_000L, source);
	}

	/**
	 * True when {@code count} rounded to {@link #roundedTo} (half up) is the printed
	 * count.
	 */
	public boolean reproducedBy(long count) {
		long rounded = Math.floorDiv(count + roundedTo / 2, roundedTo) * roundedTo;
		return rounded == parameters;
	}

}
