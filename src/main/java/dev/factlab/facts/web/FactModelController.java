package dev.factlab.facts.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.facts.EditResult;
import dev.factlab.facts.Fact;
import dev.factlab.facts.FactCompiler;
import dev.factlab.facts.FactModels;
import dev.factlab.facts.FactSet;
import dev.factlab.tensor.Activation;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Facts")
class FactModelController {

	private final FactModels models;

	FactModelController(FactModels models) {
		this.models = models;
	}

	@GetMapping("/api/v1/fact-models")
	@Operation(summary = "List the fact models", description = "Models compiled from facts, with their spaces.")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	List<FactModelView> list() {
		return models.list().stream().map(FactModelView::of).toList();
	}

	@PostMapping("/api/v1/fact-models")
	@Operation(summary = "Compile facts into a model",
			description = "One neuron per fact: W_up row = the sum of the subject's directions, bias -(k - 1) for k "
					+ "subject names (the lesson's -1 for two; with perpendicular directions the neuron reaches 1 with "
					+ "every name and at most 0 with one missing: a margin of 1), W_down column = the sum of the "
					+ "attributes. The result is an ordinary model under /api/v1/models (forward, activations, neurons; "
					+ "neuron labels name the facts). The lesson's two facts on its orthonormal space give exactly the "
					+ "built-in michael-jordan weights.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
					@ExampleObject(name = "lesson", summary = "The lesson's two facts over the built-in space 'lesson'",
							value = """
									{"id": "lesson-facts", "space": "lesson", "facts": [
									  {"subject": ["first:Michael", "last:Jordan"],
									   "attributes": ["sport:basketball", "team:Chicago Bulls", "number:23"]},
									  {"subject": ["first:Michael", "last:Phelps"], "attributes": ["sport:swimming"]}]}""") })))
	@ApiResponse(responseCode = "201", description = "Created; Location names the model")
	@ProblemResponse(status = 400,
			description = "Unknown name, empty subject, no attributes, duplicate fact, unknown activation")
	@ProblemResponse(status = 404, description = "Unknown feature space")
	@ProblemResponse(status = 409, description = "The model id is taken")
	@ProblemResponse(status = 413, description = "Too many facts, names or attributes, or over the memory budget")
	ResponseEntity<FactModelView> create(@RequestBody CreateFactModelRequest request) {
		if (request.space() == null) {
			throw new InvalidInputException("Missing space", "space must name a feature space");
		}
		FactSet set = models.create(request.id(), request.space(), request.facts(), activation(request.activation()),
				request.description());
		return ResponseEntity.created(URI.create("/api/v1/models/" + set.id())).body(FactModelView.of(set));
	}

	@GetMapping("/api/v1/models/{id}/facts")
	@Operation(summary = "List a fact model's facts", description = "Neuron i stores fact i.")
	@ApiResponse(responseCode = "200", description = "The facts")
	@ProblemResponse(status = 404, description = "Unknown model, or not a fact model")
	FactList facts(@Parameter(example = "michael-jordan") @PathVariable String id) {
		FactSet set = models.get(id);
		List<FactList.Stored> facts = new ArrayList<>();
		for (int i = 0; i < set.facts().size(); i++) {
			Fact fact = set.facts().get(i);
			facts.add(new FactList.Stored(i, fact.subject(), fact.attributes(),
					FactCompiler.bias(fact.subject().size())));
		}
		return new FactList(id, facts);
	}

	@PostMapping("/api/v1/models/{id}/query")
	@Operation(summary = "Recall facts",
			description = "For each subject: its embedding (the sum of its names' directions) through the block, the "
					+ "block's output decoded against every name of the space: the ranked names, those above 0.5, "
					+ "whether they are exactly the stored attributes, the neurons that fired (activation above 0.5), and "
					+ "the noise (the largest score of a name that is not a stored attribute). A partial subject (Michael "
					+ "Phelps, Alexis Jordan) stores nothing and should fire nothing of Michael Jordan's.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(examples = { @ExampleObject(name = "one", value = """
							{"subject": ["first:Michael", "last:Jordan"]}"""),
							@ExampleObject(name = "batch", value = """
									{"subjects": [["first:Michael", "last:Jordan"], ["first:Michael", "last:Phelps"],
									              ["first:Alexis", "last:Jordan"]]}""") })))
	@ApiResponse(responseCode = "200", description = "One answer per subject")
	@ProblemResponse(status = 400, description = "Unknown name, empty subject, or neither subject nor subjects")
	@ProblemResponse(status = 404, description = "Unknown model, or not a fact model")
	@ProblemResponse(status = 413, description = "Too many subjects or numbers in one query")
	QueryResponse query(@Parameter(example = "michael-jordan") @PathVariable String id,
			@RequestBody QueryRequest request) {
		return new QueryResponse(models.query(id, request.all()));
	}

	@PostMapping("/api/v1/models/{id}/facts")
	@Operation(summary = "Add a fact",
			description = "Compiles it as a new last neuron; the answer says how much every other fact's decoded scores "
					+ "moved.")
	@ApiResponse(responseCode = "201", description = "Added")
	@ProblemResponse(status = 400, description = "Unknown name, empty subject or no attributes")
	@ProblemResponse(status = 404, description = "Unknown model, or not a fact model")
	@ProblemResponse(status = 409, description = "A fact with this subject exists")
	@ProblemResponse(status = 413, description = "Too many facts, or over the memory budget")
	ResponseEntity<EditResult> add(@Parameter(example = "michael-jordan") @PathVariable String id,
			@RequestBody Fact fact) {
		return ResponseEntity.status(201).body(models.add(id, fact));
	}

	@PutMapping("/api/v1/models/{id}/facts")
	@Operation(summary = "Change a fact",
			description = "Replaces the attributes of the fact with this subject (same neuron); the answer says how much "
					+ "every other fact's decoded scores moved.")
	@ApiResponse(responseCode = "200", description = "Changed")
	@ProblemResponse(status = 400, description = "Unknown name, empty subject or no attributes")
	@ProblemResponse(status = 404, description = "Unknown model or fact")
	@ProblemResponse(status = 413, description = "Over the memory budget")
	EditResult change(@Parameter(example = "michael-jordan") @PathVariable String id, @RequestBody Fact fact) {
		return models.change(id, fact);
	}

	@DeleteMapping("/api/v1/models/{id}/facts")
	@Operation(summary = "Remove a fact",
			description = "Removes the fact with this subject; later facts move down one neuron. The answer says how much "
					+ "every other fact's decoded scores moved.")
	@ApiResponse(responseCode = "200", description = "Removed")
	@ProblemResponse(status = 400, description = "Empty subject")
	@ProblemResponse(status = 404, description = "Unknown model or fact")
	@ProblemResponse(status = 409, description = "The model's last fact")
	EditResult remove(@Parameter(example = "michael-jordan") @PathVariable String id, @Parameter(
			description = "The subject's names, repeated: subject=first:Michael&subject=last:Jordan") @RequestParam(
					required = false) List<String> subject) {
		return models.remove(id, subject);
	}

	private static Activation activation(String name) {
		if (name == null) {
			return Activation.RELU;
		}
		Activation activation = Activation.fromWireName(name);
		if (activation == null) {
			throw new InvalidInputException("Unknown activation",
					"activation must be one of %s but was '%s'".formatted(Activation.wireNames(), name));
		}
		return activation;
	}

}
