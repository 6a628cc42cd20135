package dev.factlab.params;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An exact parameter count of one configuration: by tensor, by the lesson's categories,
 * and in total under named conventions ({@link Convention}, {@link KaplanCount}), with
 * the lesson's walkthrough numbers, weight memory and per-token compute.
 *
 * @param moe null for a dense model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Exact parameter count of one configuration")
public record ParameterBreakdown(
		@Schema(description = "The configuration counted, defaults resolved") TransformerConfig config,
		@Schema(description = "Every kind of tensor, per layer and in total") List<Component> components,
		@Schema(description = "Totals by the lesson's categories") List<CategoryTotal> categories,
		@Schema(description = "The lesson's walkthrough numbers (matrices convention)") LessonNumbers lesson,
		@Schema(description = "Totals under named conventions") Conventions conventions,
		@Schema(description = "Number of weight matrices, as the lesson counts them") WeightMatrices weightMatrices,
		@Schema(description = "Bytes per number format, for the full count") WeightBytes bytes,
		@Schema(description = "FLOPs per token, and which N they rest on") FlopsPerToken flopsPerToken,
		@Schema(description = "Total and active counts; present for a mixture of experts only") ExpertCount moe,
		@Schema(description = "Accepted but unusual settings, and conventions that may mislead for this configuration") List<String> warnings) {

	public ParameterBreakdown {
		components = List.copyOf(components);
		categories = List.copyOf(categories);
		warnings = List.copyOf(warnings);
	}

	/**
	 * The category's totals; zero counts when no tensor of the configuration falls in it.
	 */
	public CategoryTotal category(Category category) {
		return categories.stream()
			.filter(t -> t.category() == category)
			.findFirst()
			.orElseGet(() -> new CategoryTotal(category, 0, 0, 0, 0));
	}

}
