package dev.factlab.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Declares the API key in the OpenAPI document: the {@value #SCHEME} scheme (header
 * X-API-Key), required by the operations {@link KeyedCalls} names, each with its 401
 * answer. Runs after the customizers that add operations.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiKeyOperations implements OpenApiCustomizer {

	static final String SCHEME = "ApiKey";

	static final String DESCRIPTION = "A key from the server's factlab.security.api-keys. When the server has keys, "
			+ "calls that create, change, delete or start something (and cancelling a job) need one; reads and pure "
			+ "computations (forward passes, activation reports, parameter counts) stay open. A server without keys "
			+ "(the default) needs none.";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSecuritySchemes(SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyFilter.HEADER)
						.description(DESCRIPTION));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
				if (KeyedCalls.requiresKey(entry.getKey().name(), path)) {
					keyed(entry.getValue());
				}
				else {
					// says so explicitly: this operation needs no key (security: [])
					entry.getValue().setSecurity(List.of());
				}
			}
		});
	}

	private static void keyed(Operation operation) {
		operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		operation.getResponses()
			.addApiResponse("401", ProblemResponses.response(401,
					"The server has API keys and the X-API-Key header is missing or holds none of them"));
	}

}
