package dev.factlab.transformers.web;

import java.util.List;

import dev.factlab.transformers.NextTokenPredictions;
import dev.factlab.transformers.NextTokens;
import dev.factlab.transformers.Similarities;
import dev.factlab.transformers.Similarity;
import dev.factlab.transformers.Trace;
import dev.factlab.transformers.Traces;
import dev.factlab.transformers.TransformerInfo;
import dev.factlab.transformers.Transformers;
import dev.factlab.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/transformers")
@Tag(name = "Transformers",
		description = "Real pretrained transformers run by the service's own tensor code (all-MiniLM-L6-v2 built in, "
				+ "GPT-2 checkpoints an operator supplies): MLP neurons on real text, ablations, sentence similarity, "
				+ "next-token predictions")
class TransformerController {

	static final int DEFAULT_TOP_K = 5;

	private final Transformers transformers;

	private final Traces traces;

	private final Similarities similarities;

	private final NextTokenPredictions predictions;

	TransformerController(Transformers transformers, Traces traces, Similarities similarities,
			NextTokenPredictions predictions) {
		this.transformers = transformers;
		this.traces = traces;
		this.similarities = similarities;
		this.predictions = predictions;
	}

	@GetMapping
	@Operation(summary = "List the transformers",
			description = "Each with its configuration and parameter count (loads all-MiniLM-L6-v2 on first use, ≈ 1 s; a "
					+ "GPT-2 checkpoint not yet used is described from its config.json, without loading it).")
	@ApiResponse(responseCode = "200", description = "The transformers")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	@ProblemResponse(status = 413, description = "A checkpoint does not fit in the model memory budget")
	@ProblemResponse(status = 503, description = "The weights could not be read or a checkpoint is malformed")
	List<TransformerInfo> list() {
		return transformers.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Describe a transformer",
			description = "Configuration, parameter count from the loaded tensors and the parameter-accounting module's "
					+ "count of the same shape, bytes, and the ids of its layers' MLPs under /api/v1/models.")
	@ApiResponse(responseCode = "200", description = "The transformer")
	@ProblemResponse(status = 404, description = "Unknown transformer")
	@ProblemResponse(status = 413, description = "The checkpoint does not fit in the model memory budget")
	@ProblemResponse(status = 503, description = "The weights could not be read or the checkpoint is malformed")
	TransformerInfo describe(@Parameter(example = "all-minilm-l6-v2") @PathVariable String id) {
		return transformers.describe(id);
	}

	@PostMapping("/{id}/trace")
	@Operation(summary = "Trace a text's MLP neurons",
			description = "The text's word pieces, and for every layer and token the top-k neurons after GELU, the MLP "
					+ "output's norm and the residual norm. With ablate, those neurons are zeroed and the answer also "
					+ "gives the change of the sentence embedding.")
	@ApiResponse(responseCode = "200", description = "The trace")
	@ProblemResponse(status = 400, description = "Empty text, bad topK, unknown layer or neuron")
	@ProblemResponse(status = 404, description = "Unknown transformer")
	@ProblemResponse(status = 413, description = "Text or ablation over a limit")
	@ProblemResponse(status = 503, description = "The weights could not be read")
	Trace trace(@Parameter(example = "all-minilm-l6-v2") @PathVariable String id, @RequestBody TraceRequest request) {
		return traces.trace(id, request.text(), request.topK() == null ? DEFAULT_TOP_K : request.topK(),
				AblationRequest.toAblations(request.ablate()));
	}

	@PostMapping("/{id}/similarity")
	@Operation(summary = "Compare a text with candidates",
			description = "Cosine similarities of mean-pooled, unit-length sentence embeddings (how the model is used), "
					+ "with and without an ablation of the text's pass; with a target, the single neurons whose "
					+ "ablation moves the target's margin most. For all-MiniLM-L6-v2 only: a GPT-2 has no sentence "
					+ "embedding (400).")
	@ApiResponse(responseCode = "200", description = "The similarities")
	@ProblemResponse(status = 400,
			description = "Empty text or candidates, target not a candidate, unknown layer or neuron, a GPT-2 model")
	@ProblemResponse(status = 404, description = "Unknown transformer")
	@ProblemResponse(status = 413, description = "Text, candidates or ablation over a limit")
	@ProblemResponse(status = 503, description = "The weights could not be read")
	Similarity similarity(@Parameter(example = "all-minilm-l6-v2") @PathVariable String id,
			@RequestBody SimilarityRequest request) {
		return similarities.compare(id, request.text(), request.candidates(),
				AblationRequest.toAblations(request.ablate()), request.target());
	}

	@PostMapping("/{id}/next-token")
	@Operation(summary = "Predict a GPT-2's next token",
			description = "The top-k next tokens after the text, with probabilities and logits (the last token's final "
					+ "hidden state times the tied token embedding, softmax in double). With ablate, the same under the "
					+ "ablation, how the unablated top-k moved and the KL divergence. GPT-2 checkpoints only: "
					+ "all-MiniLM-L6-v2 has no language-model head (400).")
	@ApiResponse(responseCode = "200", description = "The next tokens")
	@ProblemResponse(status = 400,
			description = "An encoder without a language-model head, empty text, bad topK, unknown layer or neuron")
	@ProblemResponse(status = 404, description = "Unknown transformer")
	@ProblemResponse(status = 413, description = "Text or ablation over a limit, or the checkpoint over the budget")
	@ProblemResponse(status = 503, description = "The weights could not be read or the checkpoint is malformed")
	NextTokens nextToken(@Parameter(example = "gpt2") @PathVariable String id, @RequestBody NextTokenRequest request) {
		return predictions.predict(id, request.text(), request.topK() == null ? DEFAULT_TOP_K : request.topK(),
				AblationRequest.toAblations(request.ablate()));
	}

}
