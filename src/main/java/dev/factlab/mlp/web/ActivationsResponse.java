package dev.factlab.mlp.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.factlab.mlp.ActivationReports;
import io.swagger.v3.oas.annotations.media.Schema;

/** Which neurons fire for which tokens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Per-token neuron activity and, when asked, one neuron traced across the tokens.")
record ActivationsResponse(@Schema(description = "Model id", example = "michael-jordan") String model,
		@Schema(description = "Neurons of the model", example = "2") int neurons,
		@Schema(description = "Neurons listed per token", example = "2") int topK,
		@Schema(description = "Each token's activity, in request order") List<ActivationReports.TokenActivity> tokens,
		@Schema(description = "The traced neuron, Neuronpedia style; present when `neuron` was given.") ActivationReports.NeuronTrace neuron) {

	static ActivationsResponse of(ActivationReports.Report report) {
		return new ActivationsResponse(report.model().id(), report.model().weights().neurons(), report.topK(),
				report.tokens(), report.neuron());
	}

}
