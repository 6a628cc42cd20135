package dev.factlab.angles.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.factlab.angles.AngleLimits;
import dev.factlab.angles.AngleHistogram;
import dev.factlab.angles.AngleJobResult;
import dev.factlab.angles.AngleJobSpec;
import dev.factlab.angles.AngleStatistics;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.ProblemResponse;
import dev.factlab.web.Svg;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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

	private final AngleLimits limits;

	AngleChartsController(StoredAngles stored, AngleLimits limits) {
		this.limits = limits;
		this.stored = stored;
	}

	@GetMapping(value = Jobs.PATH + "/{id}/histogram.svg", produces = SVG)
	@Operation(summary = "Plot an angle histogram",
			description = "The pairwise angles before or after optimisation as bars over [from, to] (default 0°–180°: "
					+ "every pair). Ranges inside 80°–100° use the 1,000-bin zoom, others the 1° bins. The pairs outside "
					+ "the range are counted in the plot, and the Welch bound is drawn, so a zoom never hides the tails.")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = SVG))
	@ProblemResponse(status = 400, description = "Unknown stage or scale, or a range outside 0°–180°")
	@ProblemResponse(status = 404, description = "Unknown job, or not an angle-distribution job")
	@ProblemResponse(status = 409, description = "The job has not SUCCEEDED")
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
			throw new InvalidInputException("Invalid range",
					"from and to must satisfy 0 <= from < to <= 180 degrees but were %s and %s".formatted(from, to));
		}
		if (!stage.equals("before") && !stage.equals("after")) {
			throw new InvalidInputException("Unknown stage",
					"stage must be before or after but was '%s'".formatted(stage));
		}
		if (!scale.equals("log") && !scale.equals("linear")) {
			throw new InvalidInputException("Unknown scale",
					"scale must be log or linear but was '%s'".formatted(scale));
		}
		AngleJobResult result = stored.result(id);
		AngleStatistics stats = stage.equals("before") ? result.before() : result.after();
		AngleHistogram zoom = stats.zoom();
		boolean inZoom = from >= zoom.range().fromDegrees() && to <= zoom.range().toDegrees();
		AngleHistogram histogram = inZoom ? zoom : stats.histogram();
		AngleJobSpec spec = result.spec();
		String title = "%s: %,d vectors in %d dimensions, %s".formatted(
				stage.equals("before") ? "Random start" : "After %d steps of %s".formatted(spec.steps(), spec.loss()),
				spec.vectors(), spec.dimensions(), stage.equals("before") ? "rows normalised" : "Adam");
		return Svg.response(HistogramChart.render(title, summary(stats), histogram, from, to, scale.equals("log"),
				result.bounds().welch().degrees()));
	}

	@GetMapping(value = Jobs.PATH + "/{id}/loss.svg", produces = SVG)
	@Operation(summary = "Plot the loss curve", description = "The loss at the start of every Adam step.")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = SVG))
	@ProblemResponse(status = 404, description = "Unknown job, or not an angle-distribution job")
	@ProblemResponse(status = 409, description = "The job has not SUCCEEDED")
	ResponseEntity<String> loss(@PathVariable UUID id) {
		AngleJobResult result = stored.result(id);
		AngleJobSpec spec = result.spec();
		return Svg.response(LossChart.render(
				"Loss (%s), %,d × %d".formatted(spec.loss(), spec.vectors(), spec.dimensions()), result.lossCurve()));
	}

	@GetMapping(value = "/api/v1/angles/comparison.svg", produces = SVG)
	@Operation(summary = "Compare angle experiments",
			description = "Two to four finished angle-distribution jobs side by side (e.g. the lesson's loss and "
					+ "smooth-max-cosine on the same seed): their final histograms over every angle on a log axis, and a "
					+ "table of worst pairs, pairs within 89°–91° and ±5°, and collapsed (near-parallel) pairs.")
	@ApiResponse(responseCode = "200", description = "The comparison", content = @Content(mediaType = SVG))
	@ProblemResponse(status = 400,
			description = "Fewer than 2 jobs, or more than factlab.angles.max-compared-jobs (4 by default)")
	@ProblemResponse(status = 404, description = "An unknown job, or not an angle-distribution job")
	@ProblemResponse(status = 409, description = "A job has not SUCCEEDED")
	ResponseEntity<String> comparison(@Parameter(
			description = "2 to factlab.angles.max-compared-jobs (4 by default) job ids, comma-separated") @RequestParam List<UUID> jobs) {
		if (jobs.size() < 2 || jobs.size() > limits.maxComparedJobs()) {
			throw new InvalidInputException("Invalid comparison",
					"jobs must name 2 to %d angle-distribution jobs (factlab.angles.max-compared-jobs) but named %d"
						.formatted(limits.maxComparedJobs(), jobs.size()))
				.with("limit", limits.maxComparedJobs());
		}
		List<ComparisonChart.Run> runs = new ArrayList<>();
		double welch = 90;
		for (UUID id : jobs) {
			AngleJobResult result = stored.result(id);
			AngleJobSpec spec = result.spec();
			welch = Math.min(welch, result.bounds().welch().degrees());
			runs.add(new ComparisonChart.Run(
					"%s, %,d×%d, seed %d".formatted(spec.loss(), spec.vectors(), spec.dimensions(), spec.seed()),
					result.after()));
		}
		return Svg.response(ComparisonChart.render(runs, welch));
	}

	private static String summary(AngleStatistics stats) {
		return String.format(Locale.ROOT,
				"min %.2f°, max %.2f°, mean %.2f° ± %.2f°\n%.2f%% within 89°–91°, %.2f%% within 85°–95°, %,d near-parallel pairs (< 10° or > 170°)",
				stats.minDegrees(), stats.maxDegrees(), stats.meanDegrees(), stats.stdDegrees(),
				100 * stats.within1Degree(), 100 * stats.within5Degrees(), stats.nearParallelPairs());
	}

}
