package dev.factlab.transformers.web;

import java.util.UUID;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import dev.factlab.transformers.WeightAnglesJob;
import dev.factlab.transformers.WeightAnglesResult;
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
@Tag(name = "Transformers")
class WeightAnglesChartController {

	static final String SVG = "image/svg+xml";

	private final Jobs jobs;

	WeightAnglesChartController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping(value = Jobs.PATH + "/{id}/weight-angles.svg", produces = SVG)
	@Operation(summary = "Plot a weight-angles job",
			description = "One panel per matrix (at most 16): the histogram of its rows' pairwise angles over "
					+ "0°–180° as bars, random Gaussian directions of the same shape as a line over them, the best "
					+ "possible worst-case angle dashed, and the comparison's figures (mean |cos|, RMS cos against "
					+ "Welch, the deviation from 90° that 99.99% of the pairs stay within, the closest pair).")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = SVG))
	@ProblemResponse(status = 400, description = "Unknown scale")
	@ProblemResponse(status = 404, description = "Unknown job, or not a weight-angles job")
	@ProblemResponse(status = 409, description = "The job has not SUCCEEDED")
	ResponseEntity<String> chart(@PathVariable UUID id, @Parameter(description = "log or linear count axis",
			example = "log") @RequestParam(defaultValue = "log") String scale) {
		if (!scale.equals("log") && !scale.equals("linear")) {
			throw new InvalidInputException("Unknown scale",
					"scale must be log or linear but was '%s'".formatted(scale));
		}
		JobView job = jobs.find(id);
		if (!WeightAnglesJob.KIND.equals(job.kind())) {
			throw new NotFoundException("Not a weight-angles job",
					"job %s is a '%s' job, not '%s'".formatted(id, job.kind(), WeightAnglesJob.KIND));
		}
		WeightAnglesResult result = jobs.result(id, WeightAnglesResult.class);
		String title = "Pairwise angles of %s's weight rows against random directions%s".formatted(
				result.spec().model(),
				result.spec().rows() == null ? "" : " (first %,d rows)".formatted(result.spec().rows()));
		return Svg.response(WeightAnglesChart.render(title, result.matrices(), scale.equals("log")));
	}

}
