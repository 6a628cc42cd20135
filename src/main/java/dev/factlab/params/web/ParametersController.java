package dev.factlab.params.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.factlab.params.Convention;
import dev.factlab.params.ParameterBreakdown;
import dev.factlab.params.ParameterCount;
import dev.factlab.params.TransformerConfig;

/** Counts a posted configuration's parameters, as JSON or as a chart. */
@RestController
@RequestMapping("/api/v1/parameters")
@Tag(name = "Parameters", description = "Exact parameter counts of transformer configurations under named conventions")
class ParametersController {

	private final ParameterCount parameterCount;

	ParametersController(ParameterCount parameterCount) {
		this.parameterCount = parameterCount;
	}

	@PostMapping
	@Operation(summary = "Count a configuration's parameters",
			description = "Exact breakdown by tensor and by the lesson's categories, per layer and in total, with totals "
					+ "under the matrices (the lesson's), full and kaplan conventions, the number of weight matrices, "
					+ "bytes per number format and FLOPs per token.")
	@ApiResponse(responseCode = "200", description = "The breakdown",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ParameterBreakdown.class)))
	@ApiResponse(responseCode = "400",
			description = "A size out of bounds, kvHeads not dividing heads, expertsPerToken above experts, dHead "
					+ "omitted while dModel / heads is not whole, or a count overflowing 64 bits",
			content = @Content(mediaType = "application/problem+json"))
	ParameterBreakdown count(@Valid @RequestBody ParameterRequest request) {
		return parameterCount.count(request.toConfig());
	}

	@PostMapping("/chart.svg")
	@Operation(summary = "Chart a configuration's parameters",
			description = "Horizontal bars by the lesson's categories, labelled with counts and shares, as SVG.")
	@ApiResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = "image/svg+xml"))
	@ApiResponse(responseCode = "400", description = "An invalid configuration or an unknown convention",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> chart(@Valid @RequestBody ParameterRequest request,
			@Parameter(description = "matrices (the lesson's count) or full",
					example = "matrices") @RequestParam(defaultValue = "matrices") String convention) {
		Convention chosen = Convention.parse(convention);
		TransformerConfig config = request.toConfig();
		String title = "Posted configuration (dModel %s, %d layers)".formatted(BreakdownChart.number(config.dModel()),
				config.layers());
		return BreakdownChart.response(title, parameterCount.count(config), chosen);
	}

}
