package dev.factlab.web;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Declares the RFC 9457 {@code Problem} schema and gives it to every
 * application/problem+json response that the controllers list without a schema, so
 * clients see the error shape on every operation.
 */
@Component
class ProblemSchema implements OpenApiCustomizer {

	static final String REF = "#/components/schemas/Problem";

	@Override
	public void customise(OpenAPI openApi) {
		Schema<?> problem = new ObjectSchema()
			.description("An RFC 9457 problem. Extension members carry specifics, e.g. "
					+ "`limit` and `requested` on 413, `expected` and `actual` on a wrong shape, `known` on an unknown name.")
			.addProperty("type", new StringSchema().example("about:blank").description("A URI naming the problem type"))
			.addProperty("title",
					new StringSchema().example("Wrong vector length")
						.description("A short summary of the problem type"))
			.addProperty("status", new IntegerSchema().example(400).description("The HTTP status code"))
			.addProperty("detail",
					new StringSchema()
						.example("token 0 expected 12 numbers (dModel of model 'michael-jordan') but had 3")
						.description("What was expected and what came"))
			.addProperty("instance",
					new StringSchema().example("/api/v1/models/michael-jordan/forward")
						.description("The request path that caused it"))
			.additionalProperties(true);
		openApi.getComponents().addSchemas("Problem", problem);
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			if (operation.getResponses() == null) {
				return;
			}
			operation.getResponses().values().forEach(response -> {
				if (response.getContent() == null) {
					return;
				}
				for (Map.Entry<String, MediaType> entry : response.getContent().entrySet()) {
					if (entry.getKey().equals("application/problem+json") && entry.getValue().getSchema() == null) {
						entry.getValue().setSchema(new Schema<>().$ref(REF));
					}
				}
			});
		}));
	}

}
