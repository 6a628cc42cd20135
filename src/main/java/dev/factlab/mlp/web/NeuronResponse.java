package dev.factlab.mlp.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.factlab.mlp.NeuronInspector;
import io.swagger.v3.oas.annotations.media.Schema;

/** What one neuron reads, its bias, and what it writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Neuron `index`: the direction it reads (its W_up row), its bias, the direction it writes (its W_down column).")
record NeuronResponse(@Schema(description = "Model id", example = "michael-jordan") String model,
		@Schema(description = "Neuron index", example = "0") int index,
		@Schema(description = "Its label, when the model has neuron labels", example = "Michael Jordan") String label,
		@Schema(description = "Its b_up entry", example = "-1") float bias,
		@Schema(description = "Its W_up row: the question it asks of each token") NeuronInspector.DirectionView reads,
		@Schema(description = "Its W_down column: what it adds when active, scaled by its value") NeuronInspector.DirectionView writes) {

	static NeuronResponse of(NeuronInspector.Report report) {
		return new NeuronResponse(report.model().id(), report.index(), report.label(), report.bias(), report.reads(),
				report.writes());
	}

}
