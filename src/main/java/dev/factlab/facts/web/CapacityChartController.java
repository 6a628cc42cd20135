package dev.factlab.facts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.facts.CapacityJob;
import dev.factlab.facts.CapacityResult;
import dev.factlab.jobs.JobView;
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
@Tag(name = "Facts")
class CapacityChartController {

	static final int MAX_COMPARED = 7;

	private final Jobs jobs;

	CapacityChartController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping(value = Jobs.PATH + "/{id}/capacity.svg", produces = "image/svg+xml")
	@Operation(summary = "Plot a capacity sweep",
			description = "Recall@1 or the median noise against facts per dimension, one line per D; add other "
					+ "fact-capacity jobs with compare (e.g. random against optimised directions on one chart).")
	@ApiResponse(responseCode = "200", description = "The plot", content = @Content(mediaType = "image/svg+xml"))
	@ProblemResponse(status = 400, description = "Unknown metric, or too many compared jobs")
	@ProblemResponse(status = 404, description = "Unknown job, or not a fact-capacity job")
	@ProblemResponse(status = 409, description = "A job has not SUCCEEDED")
	ResponseEntity<String> chart(@PathVariable UUID id,
			@Parameter(description = "recall or noise",
					example = "recall") @RequestParam(defaultValue = "recall") String metric,
			@Parameter(description = "Other fact-capacity jobs to draw on the same chart") @RequestParam(
					required = false) List<UUID> compare) {
		if (!metric.equals("recall") && !metric.equals("noise")) {
			throw new InvalidInputException("Unknown metric",
					"metric must be recall or noise but was '%s'".formatted(metric));
		}
		List<UUID> ids = new ArrayList<>();
		ids.add(id);
		if (compare != null) {
			ids.addAll(compare);
		}
		if (ids.size() > MAX_COMPARED) {
			throw new InvalidInputException("Too many jobs",
					"at most %d jobs fit on one chart but %d were given".formatted(MAX_COMPARED, ids.size()));
		}
		List<CapacityChart.Run> runs = new ArrayList<>();
		for (UUID job : ids) {
			JobView view = jobs.find(job);
			if (!CapacityJob.KIND.equals(view.kind())) {
				throw new NotFoundException("Not a capacity job",
						"job %s is a '%s' job, not '%s'".formatted(job, view.kind(), CapacityJob.KIND));
			}
			CapacityResult result = jobs.result(job, CapacityResult.class);
			String label = result.spec().space() + (result.spec().firstNames() != null
					? ", %d first names".formatted(result.spec().firstNames()) : "")
					+ (result.spec().subjectArity() != 2 ? ", k=" + result.spec().subjectArity() : "");
			runs.add(new CapacityChart.Run(label, result));
		}
		return Svg.response(CapacityChart.render(metric, runs));
	}

}
