package dev.factlab.angles.web;

import dev.factlab.angles.AngleBounds;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Angles",
		description = "Superposition: how many nearly perpendicular directions fit, and the lesson's experiment")
class AngleController {

	@GetMapping("/api/v1/angles/bounds")
	@Operation(summary = "What geometry allows",
			description = "For N unit vectors in D dimensions: the Welch bound (and Levenstein's, where it applies) on the "
					+ "best possible worst-case angle, and how many vectors fit with every pair within 90° ± tolerance "
					+ "(a Johnson–Lindenstrauss-style count for random placement, and the bounds' upper limit), each "
					+ "with its formula.")
	@ApiResponse(responseCode = "200", description = "The bounds")
	@ProblemResponse(status = 400, description = "vectors < 2, dimensions < 1, or a tolerance outside (0, 90)")
	BoundsResponse bounds(@Parameter(description = "D, at least 1", example = "100") @RequestParam int dimensions,
			@Parameter(description = "N, at least 2",
					example = "10000") @RequestParam(defaultValue = "10000") long vectors,
			@Parameter(description = "Tolerance around 90°, in (0, 90)",
					example = "1") @RequestParam(defaultValue = "1") double toleranceDegrees) {
		AngleBounds bounds = AngleBounds.of(vectors, dimensions, toleranceDegrees);
		return new BoundsResponse(bounds, bounds.bestWorstCaseDegrees());
	}

	/** The bounds, with the two derived figures a client wants first. */
	record BoundsResponse(@Schema(description = "The bounds and their formulas") AngleBounds bounds,
			@Schema(description = "No arrangement keeps every pair within 90° ± (90° − this)",
					example = "84.29") double bestWorstCaseDegrees) {
	}

}
