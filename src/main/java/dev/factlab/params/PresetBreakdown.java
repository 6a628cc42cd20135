package dev.factlab.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** A preset and its parameter count. */
@Schema(description = "A preset and its exact parameter count")
public record PresetBreakdown(@Schema(description = "The preset") Preset preset,
		@Schema(description = "Its parameter count") ParameterBreakdown breakdown) {
}
