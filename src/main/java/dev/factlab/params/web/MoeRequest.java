package dev.factlab.params.web;

import static dev.factlab.params.ConfigLimits.MAX_D_FF;
import static dev.factlab.params.ConfigLimits.MAX_EXPERTS;
import static dev.factlab.params.ConfigLimits.MAX_LAYERS;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.factlab.params.MixtureOfExperts;

/** A mixture of experts as posted; defaults resolved by {@link #toMixture(int)}. */
@Schema(description = "Mixture of experts. Layer i (0-based) holds experts when i >= firstDenseLayers and "
		+ "(i - firstDenseLayers) % interval == 0; each expert is an MLP of the configured kind, each expert layer "
		+ "adds a router (experts × dModel, no bias)")
record MoeRequest(
		@Schema(description = "Experts per MoE layer, 1 to 4,096", example = "8",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_EXPERTS) Integer experts,
		@Schema(description = "Experts each token is routed to, 1 to experts", example = "2",
				requiredMode = RequiredMode.REQUIRED) @NotNull @Min(1) @Max(MAX_EXPERTS) Integer expertsPerToken,
		@Schema(description = "Leading layers that keep a dense MLP, 0 to layers - 1; default 0",
				example = "0") @Min(0) @Max(MAX_LAYERS - 1) Integer firstDenseLayers,
		@Schema(description = "Every interval-th layer after the dense ones holds experts, 1 to 10,000; default 1 "
				+ "(every layer)", example = "1") @Min(1) @Max(MAX_LAYERS) Integer interval,
		@Schema(description = "Hidden size of one expert, 1 to 10,000,000; default the configuration's dFf",
				example = "14336") @Min(1) @Max(MAX_D_FF) Integer dFf) {

	MixtureOfExperts toMixture(int defaultDFf) {
		return new MixtureOfExperts(experts, expertsPerToken, firstDenseLayers == null ? 0 : firstDenseLayers,
				interval == null ? 1 : interval, dFf == null ? defaultDFf : dFf);
	}

}
