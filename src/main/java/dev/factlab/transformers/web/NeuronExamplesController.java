package dev.factlab.transformers.web;

import java.util.UUID;

import dev.factlab.jobs.Jobs;
import dev.factlab.transformers.NeuronExamples;
import dev.factlab.transformers.StoredNeuronExamples;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A neuron's top-activating tokens, read from neuron-examples jobs. */
@RestController
@Tag(name = "Transformers")
class NeuronExamplesController {

	private final StoredNeuronExamples stored;

	NeuronExamplesController(StoredNeuronExamples stored) {
		this.stored = stored;
	}

	@GetMapping(Jobs.PATH + "/{id}/neurons/{layer}/{neuron}")
	@Operation(summary = "Read a neuron's examples from a job",
			description = "The word pieces of the job's corpus where this MLP neuron's post-GELU value was largest, "
					+ "largest first, each with the word pieces around it and its sentence.")
	@ApiResponse(responseCode = "200", description = "The neuron's examples")
	@ProblemResponse(status = 400, description = "context out of range")
	@ProblemResponse(status = 404,
			description = "Unknown job, not a neuron-examples job, or layer or neuron out of range")
	@ProblemResponse(status = 409, description = "The job has not SUCCEEDED")
	NeuronExamples jobNeuron(@Parameter(description = "A neuron-examples job") @PathVariable UUID id,
			@Parameter(description = "0-based layer", example = "3") @PathVariable int layer,
			@Parameter(description = "0-based neuron of the layer", example = "1204") @PathVariable int neuron,
			@Parameter(
					description = "Word pieces shown before and after each example, 0 to "
							+ "factlab.transformers.max-example-context; default the job's",
					example = "6") @RequestParam(required = false) Integer context) {
		return stored.examples(id, layer, neuron, context);
	}

	@GetMapping("/api/v1/transformers/{id}/neurons/{layer}/{neuron}/examples")
	@Operation(summary = "Read a neuron's examples on the shipped corpus",
			description = "The same as GET /api/v1/jobs/{id}/neurons/{layer}/{neuron}, from the most recent SUCCEEDED "
					+ "neuron-examples job of this transformer on the shipped corpus (jobId names it). Without one, 404 "
					+ "says which job to start.")
	@ApiResponse(responseCode = "200", description = "The neuron's examples")
	@ProblemResponse(status = 400, description = "context out of range")
	@ProblemResponse(status = 404,
			description = "Unknown transformer, no finished shipped-corpus job yet, or layer or neuron out of range")
	NeuronExamples modelNeuron(@Parameter(example = "all-minilm-l6-v2") @PathVariable String id,
			@Parameter(description = "0-based layer", example = "3") @PathVariable int layer,
			@Parameter(description = "0-based neuron of the layer", example = "1204") @PathVariable int neuron,
			@Parameter(
					description = "Word pieces shown before and after each example, 0 to "
							+ "factlab.transformers.max-example-context; default the job's",
					example = "6") @RequestParam(required = false) Integer context) {
		return stored.latestShipped(id, layer, neuron, context);
	}

}
