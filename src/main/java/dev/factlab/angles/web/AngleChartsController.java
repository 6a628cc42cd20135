package dev.factlab.angles.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.factlab.jobs.Jobs;
import dev.factlab.web.ApiException;
import dev.factlab.web.Svg;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Angles")
class AngleChartsController {

	static final String SVG = "image/svg+xml";

	private final StoredAngles stored;

	AngleChartsController(StoredAngles stored) {
		this.stored = stored;
	}

	@GetMapping(value = Jobs.PATH + "/{id}/histogram.svg", produces = SVG)
	@Operation(summary = "Plot an angle histogram",
			description = "The pairwise angles before or after optimisation as bars over [from, to] (default 0°–180°: "
					+ "every pair). Ranges inside 80°–100° use the 1,000-bin zoom, others the 1° bins. The pairs outside "
					+ "the range are counted in the plot, and the Welch bound is drawn, so a zoom never hides the tails.")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = SVG))
	@ApiResponse(responseCode = "400", description = "Unknown stage or scale, or a range outside 0°–180°",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "Unknown job, or not an angle-distribution job",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "The job has not SUCCEEDED",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> histogram(@PathVariable UUID id,
			@Parameter(description = "before or after",
					example = "after") @RequestParam(defaultValue = "after") String stage,
			@Parameter(description = "Lower edge in degrees",
					example = "80") @RequestParam(defaultValue = "0") double from,
			@Parameter(description = "Upper edge in degrees",
					example = "100") @RequestParam(defaultValue = "180") double to,
			@Parameter(description = "log or linear count axis",
					example = "log") @RequestParam(defaultValue = "log") String scale) {
		if (!(from >= 0 && from < to && to <= 180)) {
			throw ApiException.badRequest("Invalid range",
					"from and to must satisfy 0 <= from < to <= 180 degrees but were %s and %s".formatted(from, to));
		}
		if (!stage.equals("before") && !stage.equals("after")) {
			throw ApiException.badRequest("Unknown stage",
					"stage must be before or after but was '%s'".formatted(stage));
		}
		if (!scale.equals("log") && !scale.equals("linear")) {
			throw ApiException.badRequest("Unknown scale", "scale must be log or linear but was '%s'".formatted(scale));
		}
		JsonNode result = stored.result(id);
		JsonNode stats = result.path(stage);
		StoredAngles.Histogram zoom = StoredAngles.Histogram.of(stats.path("zoom"));
		boolean inZoom = from >= zoom.fromDegrees() && to <= zoom.toDegrees();
		StoredAngles.Histogram histogram = inZoom ? zoom : StoredAngles.Histogram.of(stats.path("histogram"));
		String title = "%s: %,d vectors in %d dimensions, %s".formatted(
				stage.equals("before") ? "Random start"
						: "After %d steps of %s".formatted(result.path("spec").path("steps").asInt(),
								result.path("spec").path("loss").asString()),
				result.path("spec").path("vectors").asInt(), result.path("spec").path("dimensions").asInt(),
				stage.equals("before") ? "rows normalised" : "Adam");
		return Svg.response(
				HistogramChart.render(title, summary(stats), histogram, from, to, scale.equals("log"), welch(result)));
	}

	@GetMapping(value = Jobs.PATH + "/{id}/loss.svg", produces = SVG)
	@Operation(summary = "Plot the loss curve", description = "The loss at the start of every Adam step.")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = SVG))
	@ApiResponse(responseCode = "404", description = "Unknown job, or not an angle-distribution job",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "The job has not SUCCEEDED",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> loss(@PathVariable UUID id) {
		JsonNode result = stored.result(id);
		JsonNode curve = result.path("lossCurve");
		double[] loss = new double[curve.size()];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = curve.get(i).asDouble();
		}
		return Svg.response(LossChart.render(
				"Loss (%s), %,d × %d".formatted(result.path("spec").path("loss").asString(),
						result.path("spec").path("vectors").asInt(), result.path("spec").path("dimensions").asInt()),
				loss));
	}

	@GetMapping(value = "/api/v1/angles/comparison.svg", produces = SVG)
	@Operation(summary = "Compare angle experiments",
			description = "Two to four finished angle-distribution jobs side by side (e.g. the lesson's loss and "
					+ "smooth-max-cosine on the same seed): their final histograms over every angle on a log axis, and a "
					+ "table of worst pairs, pairs within 89°–91° and ±5°, and collapsed (near-parallel) pairs.")
	@ApiResponse(responseCode = "200", description = "The comparison", content = @Content(mediaType = SVG))
	@ApiResponse(responseCode = "400", description = "Fewer than 2 or more than 4 jobs",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "An unknown job, or not an angle-distribution job",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "A job has not SUCCEEDED",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> comparison(
			@Parameter(description = "2 to 4 job ids, comma-separated") @RequestParam List<UUID> jobs) {
		if (jobs.size() < 2 || jobs.size() > 4) {
			throw ApiException.badRequest("Invalid comparison",
					"jobs must name 2 to 4 angle-distribution jobs but named %d".formatted(jobs.size()));
		}
		List<ComparisonChart.Run> runs = new ArrayList<>();
		double welch = 90;
		for (UUID id : jobs) {
			JsonNode result = stored.result(id);
			JsonNode after = result.path("after");
			JsonNode spec = result.path("spec");
			welch = Math.min(welch, welch(result));
			runs.add(new ComparisonChart.Run(
					"%s, %,d×%d, seed %d".formatted(spec.path("loss").asString(), spec.path("vectors").asInt(),
							spec.path("dimensions").asInt(), spec.path("seed").asLong()),
					StoredAngles.Histogram.of(after.path("histogram")), after.path("minDegrees").asDouble(),
					after.path("maxDegrees").asDouble(), after.path("within1Degree").asDouble(),
					after.path("within5Degrees").asDouble(), after.path("nearParallelPairs").asLong()));
		}
		return Svg.response(ComparisonChart.render(runs, welch));
	}

	private static double welch(JsonNode result) {
		return result.path("bounds").path("welch").path("degrees").asDouble(90);
	}

	private static String summary(JsonNode stats) {
		return String.format(Locale.ROOT,
				"min %.2f°, max %.2f°, mean %.2f° ± %.2f°\n%.2f%% within 89°–91°, %.2f%% within 85°–95°, %,d near-parallel pairs (< 10° or > 170°)",
				stats.path("minDegrees").asDouble(), stats.path("maxDegrees").asDouble(),
				stats.path("meanDegrees").asDouble(), stats.path("stdDegrees").asDouble(),
				100 * stats.path("within1Degree").asDouble(), 100 * stats.path("within5Degrees").asDouble(),
				stats.path("nearParallelPairs").asLong());
	}

}
