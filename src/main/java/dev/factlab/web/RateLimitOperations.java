package dev.factlab.web;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Documents the rate limit's 429 on every operation that {@link RateLimiting} counts,
 * beside a 429 the operation already has (a full job queue). Runs after the customizers
 * that add operations.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RateLimitOperations implements OpenApiCustomizer {

	static final String DESCRIPTION = "Over this client's rate limit (factlab.rate.expensive-calls per "
			+ "factlab.rate.window; the problem carries `limit` and `windowSeconds`)";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
				if (RateLimiting.isExpensive(entry.getKey().name(), path)) {
					limited(entry.getValue());
				}
			}
		});
	}

	private static void limited(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponse existing = operation.getResponses().get("429");
		String description = existing == null ? DESCRIPTION : existing.getDescription() + "; or " + DESCRIPTION;
		operation.getResponses().addApiResponse("429", ProblemResponses.response(429, description));
	}

}
