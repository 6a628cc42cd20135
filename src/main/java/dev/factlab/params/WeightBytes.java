package dev.factlab.params;

import static java.lang.Math.multiplyExact;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bytes needed to hold the weights of the {@code full} count (all experts of a mixture)
 * in each number format.
 */
@Schema(description = "Bytes to hold the full count's weights in each format")
public record WeightBytes(
		@Schema(description = "Parameters counted: the full count", example = "174604259328") long parameters,
		@Schema(description = "4 bytes per parameter", example = "698417037312") long fp32,
		@Schema(description = "2 bytes per parameter", example = "349208518656") long fp16,
		@Schema(description = "2 bytes per parameter", example = "349208518656") long bf16,
		@Schema(description = "1 byte per parameter", example = "174604259328") long int8,
		@Schema(description = "1 byte per parameter", example = "174604259328") long fp8,
		@Schema(description = "Half a byte per parameter, rounded up", example = "87302129664") long int4,
		@Schema(description = "What was counted",
				example = "full convention; weights only, no quantisation scales, optimiser state or activations") String basis) {

	static WeightBytes of(long full) {
		return new WeightBytes(full, multiplyExact(full, 4), multiplyExact(full, 2), multiplyExact(full, 2), full, full,
				full / 2 + full % 2,
				"full convention (every trained tensor, all experts); weights only: no quantisation "
						+ "scales, optimiser state, KV cache or activations");
	}

}
