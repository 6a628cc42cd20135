package dev.factlab.facts.web;

import java.net.URI;
import java.util.List;

import dev.factlab.facts.FeatureSpace;
import dev.factlab.facts.FeatureSpaces;
import dev.factlab.facts.SpaceDirections;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping(FeatureSpaceController.PATH)
@Tag(name = "Facts", description = "Feature spaces, facts compiled into MLP weights, queries, edits and capacity")
class FeatureSpaceController {

	static final String PATH = "/api/v1/feature-spaces";

	private final FeatureSpaces spaces;

	FeatureSpaceController(FeatureSpaces spaces) {
		this.spaces = spaces;
	}

	@GetMapping
	@Operation(summary = "List the feature spaces", description = "Every space without its interference statistics.")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	List<SpaceView> list() {
		return spaces.list().stream().map(s -> SpaceView.of(s, null)).toList();
	}

	@PostMapping
	@Operation(summary = "Create a feature space",
			description = "Named unit directions in D dimensions: orthonormal axes (at most D names), seeded random "
					+ "Gaussian directions, or the optimised vectors of a finished angle-distribution job. Names are "
					+ "listed or generated from patterns. Up to factlab.facts.max-directions directions, charged to the "
					+ "model memory budget.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
					@ExampleObject(name = "lesson", summary = "The lesson's names on orthonormal axes", value = """
							{"id": "lesson-copy", "kind": "orthonormal", "dimensions": 12,
							 "names": ["first:Michael", "first:Alexis", "last:Jordan", "last:Phelps",
							           "sport:basketball", "sport:swimming", "team:Chicago Bulls", "number:23"]}"""),
					@ExampleObject(name = "random", summary = "300 random names in 64 dimensions", value = """
							{"id": "names-64", "kind": "random", "dimensions": 64, "seed": 7,
							 "patterns": [{"pattern": "first:{i}", "count": 100}, {"pattern": "last:{i}", "count": 100},
							              {"pattern": "sport:{i}", "count": 100}]}""") })))
	@ApiResponse(responseCode = "201", description = "Created; Location names the space")
	@ProblemResponse(status = 400,
			description = "Invalid kind, names or dimensions; a from-job D that differs from the job's")
	@ProblemResponse(status = 404, description = "Unknown job")
	@ProblemResponse(status = 409, description = "The id is taken, or the job has not SUCCEEDED")
	@ProblemResponse(status = 413, description = "Over a size limit or the memory budget")
	ResponseEntity<SpaceView> create(@RequestBody CreateSpaceRequest request) {
		FeatureSpace space = spaces.create(request.toSpec());
		return ResponseEntity.created(URI.create(PATH + "/" + space.id())).body(SpaceView.of(space, null));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Describe a feature space",
			description = "Its size and its interference: worst and typical |cos| between the directions, quantiles and "
					+ "histograms of their pairwise angles (the angles module's statistics, over the first "
					+ "factlab.facts.max-interference-directions), and the Welch bound for this N and D. The first "
					+ "call measures; later calls reuse it.")
	@ApiResponse(responseCode = "200", description = "The space")
	@ProblemResponse(status = 404, description = "Unknown feature space")
	@ProblemResponse(status = 413, description = "Too large for the angle statistics' limits")
	SpaceView get(@Parameter(example = "lesson") @PathVariable String id) {
		FeatureSpace space = spaces.get(id);
		return SpaceView.of(space, spaces.interference(id));
	}

	@GetMapping("/{id}/names")
	@Operation(summary = "List a space's names", description = "Every name, in the row order of the directions.")
	@ApiResponse(responseCode = "200", description = "The names")
	@ProblemResponse(status = 404, description = "Unknown feature space")
	List<String> names(@Parameter(example = "lesson") @PathVariable String id) {
		return spaces.get(id).names();
	}

	@GetMapping(value = "/{id}/directions.f32", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	@Operation(summary = "Download a space's directions",
			description = "float32 little-endian, row-major [N × D], rows in the order of the names endpoint, so any "
					+ "client can check the service's answers independently.")
	@ApiResponse(responseCode = "200", description = "The directions",
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
	@ProblemResponse(status = 404, description = "Unknown feature space")
	ResponseEntity<StreamingResponseBody> directions(@Parameter(example = "lesson") @PathVariable String id) {
		FeatureSpace space = spaces.get(id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.contentLength(space.vectors().bytes())
			.header("X-Shape", space.size() + "," + space.dimensions())
			.body(out -> SpaceDirections.writeLittleEndian(space.vectors(), out));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a feature space", description = "Frees its share of the memory budget.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ProblemResponse(status = 404, description = "Unknown feature space")
	@ProblemResponse(status = 409, description = "A fact model uses it")
	ResponseEntity<Void> delete(@PathVariable String id) {
		spaces.delete(id);
		return ResponseEntity.noContent().build();
	}

}
