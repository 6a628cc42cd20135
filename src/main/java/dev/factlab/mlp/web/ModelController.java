package dev.factlab.mlp.web;

import java.net.URI;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.mlp.MlpModel;
import dev.factlab.mlp.ModelCatalog;
import dev.factlab.mlp.ModelFactory;
import dev.factlab.mlp.ModelSpecs;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models",
		description = "MLP blocks: the built-in michael-jordan toy, explicit weights, random init up to GPT-3's size")
class ModelController {

	static final double DEFAULT_INIT_SCALE = 0.02;

	private final ModelCatalog catalog;

	private final ModelFactory factory;

	ModelController(ModelCatalog catalog, ModelFactory factory) {
		this.catalog = catalog;
		this.factory = factory;
	}

	@GetMapping
	@Operation(summary = "List the models",
			description = "Every model with its shape and sizes, and the memory budget of user-created models.")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	ModelList list() {
		ModelCatalog.Memory memory = catalog.memory();
		return new ModelList(catalog.list().stream().map(ModelView::of).toList(),
				new ModelList.Memory(memory.budgetBytes(), memory.usedBytes()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Describe a model",
			description = "dModel, neurons, activation, parameter counts with and without biases, bytes.")
	@ApiResponse(responseCode = "200", description = "The model")
	@ProblemResponse(status = 404, description = "Unknown model")
	ModelView get(@Parameter(example = "michael-jordan") @PathVariable String id) {
		return ModelView.of(catalog.get(id));
	}

	@PostMapping
	@Operation(summary = "Create a model",
			description = "From explicit weights in the lesson's names (small models) or from a random-init spec (up to GPT-3's "
					+ "12,288 × 49,152 block, within the memory budget). Shapes: W_up [neurons, dModel], W_down [dModel, neurons].",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
					@ExampleObject(name = "explicit", summary = "Two AND gates, explicit weights", value = """
							{"id": "two-facts", "activation": "relu",
							 "wUp": [[1, 1, 0, 0], [1, 0, 1, 0]], "bUp": [-1, -1],
							 "wDown": [[0, 0], [0, 0], [0, 0], [1, 1]],
							 "directions": {"first:Michael": [1, 0, 0, 0], "last:Jordan": [0, 1, 0, 0],
							                "last:Phelps": [0, 0, 1, 0], "athlete": [0, 0, 0, 1]},
							 "neuronLabels": ["Michael Jordan", "Michael Phelps"]}"""),
					@ExampleObject(name = "random", summary = "A random GELU block",
							value = """
									{"activation": "gelu", "random": {"dModel": 64, "neurons": 256, "seed": 42, "initScale": 0.02}}"""),
					@ExampleObject(name = "gpt3", summary = "GPT-3's block size (4.8 GB)",
							value = """
									{"id": "gpt3-block", "activation": "gelu", "random": {"dModel": 12288, "neurons": 49152, "seed": 1}}""") })))
	@ApiResponse(responseCode = "201", description = "Created; Location names the model")
	@ProblemResponse(status = 400, description = "Invalid weights or spec")
	@ProblemResponse(status = 409, description = "The id is taken")
	@ProblemResponse(status = 413, description = "Over a size limit or the memory budget")
	ResponseEntity<ModelView> create(@RequestBody CreateModelRequest request) {
		Activation activation = activation(request.activation());
		boolean explicit = request.wUp() != null || request.wDown() != null || request.bUp() != null
				|| request.bDown() != null;
		if (explicit == (request.random() != null)) {
			throw new InvalidInputException("Invalid request",
					explicit ? "give either explicit weights (wUp, wDown, ...) or a random spec, not both"
							: "give either explicit weights (wUp and wDown, optionally bUp and bDown) or a random spec "
									+ "{\"random\": {\"dModel\": 64, \"neurons\": 256}}");
		}
		MlpModel model = explicit
				? factory.create(request.id(),
						new ModelSpecs.Explicit(request.description(), activation, request.wUp(), request.bUp(),
								request.wDown(), request.bDown(), request.directions(), request.neuronLabels()))
				: factory.create(request.id(), random(request, activation));
		return ResponseEntity.created(URI.create("/api/v1/models/" + model.id())).body(ModelView.of(model));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a model",
			description = "Frees its share of the memory budget. Built-in models can't be deleted (409).")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ProblemResponse(status = 404, description = "Unknown model")
	@ProblemResponse(status = 409, description = "A built-in model")
	ResponseEntity<Void> delete(@PathVariable String id) {
		catalog.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static ModelSpecs.Random random(CreateModelRequest request, Activation activation) {
		CreateModelRequest.RandomInit random = request.random();
		if (random.dModel() == null || random.neurons() == null) {
			throw new InvalidInputException("Invalid request",
					"random needs dModel and neurons but got dModel=%s, neurons=%s".formatted(random.dModel(),
							random.neurons()));
		}
		return new ModelSpecs.Random(request.description(), activation, random.dModel(), random.neurons(),
				random.seed() == null ? 0 : random.seed(),
				random.initScale() == null ? DEFAULT_INIT_SCALE : random.initScale());
	}

	static Activation activation(String name) {
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
