package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** Parameters in one of the lesson's categories under both conventions. */
@Schema(description = "Parameters in one of the lesson's categories")
public record CategoryTotal(@Schema(description = "The lesson's category", example = "MLP") Category category,
		@Schema(description = "Count under the matrices convention", example = "115964116992") long matrices,
		@Schema(description = "Count under the full convention", example = "115970015232") long full,
		@Schema(description = "matrices / the matrices total", example = "0.662") double matricesShare,
		@Schema(description = "full / the full total", example = "0.6642") double fullShare) {

	/** The count under {@code convention}. */
	public long count(Convention convention) {
		return convention == Convention.MATRICES ? matrices : full;
	}

	/** The share of the total under {@code convention}. */
	public double share(Convention convention) {
		return convention == Convention.MATRICES ? matricesShare : fullShare;
	}

}
