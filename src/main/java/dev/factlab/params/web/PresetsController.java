package dev.factlab.params.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.factlab.params.Convention;
import dev.factlab.params.ParameterCount;
import dev.factlab.params.Preset;
import dev.factlab.params.PresetBreakdown;
import dev.factlab.params.PresetCatalogue;
import dev.factlab.web.ProblemResponse;

/** Published configurations (GPT-3, GPT-2, Llama) and their counts. */
@RestController
@RequestMapping("/api/v1/parameters/presets")
@Tag(name = "Parameters", description = "Exact parameter counts of transformer configurations under named conventions")
class PresetsController {

	private final PresetCatalogue presets;

	private final ParameterCount parameterCount;

	PresetsController(PresetCatalogue presets, ParameterCount parameterCount) {
		this.presets = presets;
		this.parameterCount = parameterCount;
	}

	@GetMapping
	@Operation(summary = "List the presets",
			description = "GPT-3 (the eight models of Table 2.1), GPT-2 small to XL, Llama-2-7B and Llama-3-8B, each "
					+ "with its source and notes.")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	@ApiResponse(responseCode = "200", description = "Every preset", content = @Content(mediaType = "application/json",
			array = @ArraySchema(schema = @Schema(implementation = Preset.class))))
	List<Preset> all() {
		return presets.all();
	}

	@GetMapping("/{name}")
	@Operation(summary = "Count a preset's parameters",
			description = "The preset and its breakdown; gpt3-175b's lesson object holds every number of the lesson's "
					+ "walkthrough.")
	@ApiResponse(responseCode = "200", description = "The preset and its breakdown",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = PresetBreakdown.class)))
	@ApiResponse(responseCode = "404", description = "No such preset; the problem lists the known names in 'known'",
			content = @Content(mediaType = "application/problem+json"))
	PresetBreakdown one(@Parameter(description = "Preset name", example = "gpt3-175b") @PathVariable String name) {
		Preset preset = presets.find(name);
		return new PresetBreakdown(preset, parameterCount.count(preset.config()));
	}

	@GetMapping("/{name}/chart.svg")
	@Operation(summary = "Chart a preset's parameters",
			description = "Horizontal bars by the lesson's categories, labelled with counts and shares, as SVG.")
	@ApiResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = "image/svg+xml"))
	@ApiResponse(responseCode = "400", description = "An unknown convention",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such preset; the problem lists the known names in 'known'",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> chart(
			@Parameter(description = "Preset name", example = "gpt3-175b") @PathVariable String name,
			@Parameter(description = "matrices (the lesson's count) or full",
					example = "matrices") @RequestParam(defaultValue = "matrices") String convention) {
		Convention chosen = Convention.parse(convention);
		Preset preset = presets.find(name);
		return BreakdownChart.response(preset.title(), parameterCount.count(preset.config()), chosen);
	}

}
