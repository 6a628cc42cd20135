package dev.factlab.mlp.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.factlab.errors.InvalidInputException;
import dev.factlab.mlp.ActivationReports;
import dev.factlab.mlp.ForwardPasses;
import dev.factlab.mlp.NeuronInspector;
import dev.factlab.mlp.Stage;
import dev.factlab.tensor.Activation;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{id}")
@Tag(name = "MLP block", description = "Forward passes, neuron activations, and what each neuron reads and writes")
class BlockController {

	static final String LESSON_EXAMPLE = """
			{"tokens": [{"first:Michael": 1, "last:Jordan": 1},
			            {"first:Michael": 1, "last:Phelps": 1},
			            {"first:Alexis": 1, "last:Jordan": 1}],
			 "include": ["activations", "residual"]}""";

	private final ForwardPasses passes;

	private final ActivationReports activations;

	private final NeuronInspector inspector;

	BlockController(ForwardPasses passes, ActivationReports activations, NeuronInspector inspector) {
		this.passes = passes;
		this.activations = activations;
		this.inspector = inspector;
	}

	@PostMapping("/forward")
	@Operation(summary = "Run a forward pass",
			description = "For tokens E [tokens, dModel]: pre = E·W_upᵀ + b_up, h = act(pre), out = h·W_downᵀ + b_down, "
					+ "residual = E + out; one product per matrix for the whole sequence. Returns the intermediates named "
					+ "in `include` and, for models with named directions, the residual decoded along each of them.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
					@ExampleObject(name = "lesson", summary = "Michael Jordan, Michael Phelps, Alexis Jordan",
							value = LESSON_EXAMPLE),
					@ExampleObject(name = "gelu", summary = "The same names through GELU instead of the model's ReLU",
							value = """
									{"tokens": [{"first:Michael": 1, "last:Jordan": 1}, {"first:Alexis": 1, "last:Phelps": 1}],
									 "include": ["preActivations", "activations", "residual"], "activation": "gelu"}"""),
					@ExampleObject(name = "raw", summary = "A raw 12-number vector",
							value = """
									{"tokens": [[1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]], "include": ["preActivations", "activations", "output", "residual"]}""") })))
	@ApiResponse(responseCode = "200", description = "The pass, token by token")
	@ProblemResponse(status = 400,
			description = "Malformed JSON, wrong vector length, non-finite number, empty tokens, unknown direction, stage "
					+ "or activation")
	@ProblemResponse(status = 404, description = "Unknown model")
	@ProblemResponse(status = 413, description = "Over a size limit")
	@ProblemResponse(status = 503,
			description = "A large pass waited factlab.mlp.large-pass-wait for its turn while another ran")
	ForwardResponse forward(@Parameter(example = "michael-jordan") @PathVariable String id,
			@RequestBody ForwardRequest request) {
		Set<Stage> include = stages(request.include());
		Activation activation = activation(request.activation());
		ForwardPasses.Result result = passes.forward(id, request.tokens(), include, activation);
		List<ForwardResponse.TokenResult> tokens = new ArrayList<>();
		float[] pre = result.values(Stage.PRE_ACTIVATIONS);
		float[] post = result.values(Stage.ACTIVATIONS);
		float[] out = result.values(Stage.OUTPUT);
		float[] residual = result.values(Stage.RESIDUAL);
		float[] features = result.features();
		int neurons = result.model().weights().neurons();
		int dModel = result.model().weights().dModel();
		int directions = result.model().directions().names().size();
		for (int t = 0; t < result.labels().size(); t++) {
			tokens.add(new ForwardResponse.TokenResult(t, result.labels().get(t), slice(pre, t, neurons),
					slice(post, t, neurons), slice(out, t, dModel), slice(residual, t, dModel),
					features == null ? null : result.model().directions().decode(slice(features, t, directions))));
		}
		Activation used = activation != null ? activation : result.model().weights().activation();
		return new ForwardResponse(result.model().id(), used.wireName(), dModel, neurons,
				include.stream().map(Stage::wireName).toList(), tokens);
	}

	@PostMapping("/activations")
	@Operation(summary = "Report neuron activations",
			description = "Per token: how many neurons are active (value > 0 after the activation), the fraction, and the top-k "
					+ "neurons with their labels. With `neuron`, that neuron's value for every token in Neuronpedia's shape "
					+ "(values[] aligned with tokens[], maxValue, maxValueIndex).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(examples = @ExampleObject(name = "lesson",
							summary = "Which tokens fire the Michael Jordan neuron", value = """
									{"tokens": [{"first:Michael": 1, "last:Jordan": 1},
									            {"first:Michael": 1, "last:Phelps": 1},
									            {"first:Alexis": 1, "last:Jordan": 1}],
									 "topK": 2, "neuron": 0}"""))))
	@ApiResponse(responseCode = "200", description = "The activity report")
	@ProblemResponse(status = 400, description = "Bad tokens, topK or neuron out of range")
	@ProblemResponse(status = 404, description = "Unknown model")
	@ProblemResponse(status = 413, description = "Over a size limit")
	@ProblemResponse(status = 503,
			description = "A large pass waited factlab.mlp.large-pass-wait for its turn while another ran")
	ActivationsResponse activations(@Parameter(example = "michael-jordan") @PathVariable String id,
			@RequestBody ActivationsRequest request) {
		return ActivationsResponse.of(activations.report(id, request.tokens(), request.topK(), request.neuron()));
	}

	@GetMapping("/neurons/{index}")
	@Operation(summary = "Inspect a neuron",
			description = "What neuron `index` reads (its W_up row), its bias, and what it writes (its W_down column), each "
					+ "decoded against the model's named directions and as its largest coordinates.")
	@ApiResponse(responseCode = "200", description = "The neuron")
	@ProblemResponse(status = 404, description = "Unknown model or neuron index out of range")
	NeuronResponse neuron(@Parameter(example = "michael-jordan") @PathVariable String id,
			@Parameter(example = "0") @PathVariable int index) {
		return NeuronResponse.of(inspector.inspect(id, index));
	}

	private static Activation activation(String name) {
		if (name == null) {
			return null;
		}
		Activation activation = Activation.fromWireName(name);
		if (activation == null) {
			throw new InvalidInputException("Unknown activation",
					"activation may be %s but was '%s'".formatted(Activation.wireNames(), name));
		}
		return activation;
	}

	private static Set<Stage> stages(List<String> names) {
		if (names == null || names.isEmpty()) {
			return EnumSet.of(Stage.RESIDUAL);
		}
		Set<Stage> stages = EnumSet.noneOf(Stage.class);
		for (String name : names) {
			Stage stage = Stage.fromWireName(name);
			if (stage == null) {
				throw new InvalidInputException("Unknown stage",
						"include may hold %s but had '%s'".formatted(Stage.wireNames(), name));
			}
			stages.add(stage);
		}
		return stages;
	}

	private static float[] slice(float[] values, int row, int width) {
		return values == null ? null : Arrays.copyOfRange(values, row * width, (row + 1) * width);
	}

}
