package dev.factlab.mlp.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.factlab.mlp.MlpModel;
import dev.factlab.mlp.MlpWeights;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model as the API shows it: its shape and sizes, not its weights. */
@Schema(description = "A stored MLP block: its shape, parameter count and storage, not its weights.")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ModelView(@Schema(description = "A readable slug, unique", example = "michael-jordan") String id,
		@Schema(description = "What the model is, for people") String description,
		@Schema(description = "Built-in models can't be deleted") boolean builtIn,
		@Schema(description = "Model width: the length of a token vector", example = "12") int dModel,
		@Schema(description = "Neurons: rows of W_up, columns of W_down", example = "2") int neurons,
		@Schema(description = "The nonlinearity: relu, gelu, gelu_tanh or silu", example = "relu") String activation,
		@Schema(description = "The activation as a formula", example = "max(0, x)") String activationFormula,
		@Schema(description = "Parameter counts") Parameters parameters,
		@Schema(description = "float32 bytes of all parameters", example = "216") long bytes,
		@Schema(description = "heap (small models) or off-heap (ND4J)", example = "heap") String storage,
		@Schema(description = "How W_down is stored: row-major, or column-major (each neuron's column contiguous, "
				+ "as large `random` models are made, so a few-token pass reads only the columns of neurons that are "
				+ "not zero)", example = "row-major") String wDownLayout,
		@Schema(description = "Named directions of the embedding space") List<String> directions,
		@Schema(description = "A label per neuron") List<String> neuronLabels,
		@Schema(description = "When it was stored") Instant createdAt) {

	/**
	 * @param withBiases both matrices and both biases
	 * @param withoutBiases the two weight matrices only (the lesson's convention)
	 */
	record Parameters(
			@Schema(description = "Both matrices and both biases: 2·dModel·neurons + neurons + dModel",
					example = "62") long withBiases,
			@Schema(description = "The two weight matrices only (the lesson convention): 2·dModel·neurons",
					example = "48") long withoutBiases) {
	}

	static ModelView of(MlpModel model) {
		MlpWeights w = model.weights();
		return new ModelView(model.id(), model.description(), model.builtIn(), w.dModel(), w.neurons(),
				w.activation().wireName(), w.activation().formula(),
				new Parameters(w.parametersWithBiases(), w.parametersWithoutBiases()), w.bytes(),
				w.wUp().onHeap() ? "heap" : "off-heap", w.wDown().columnMajor() ? "column-major" : "row-major",
				model.directions().names(), model.neuronLabels(), model.createdAt());
	}

}
