package dev.factlab.mlp.web;

import java.util.List;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Declares the {@code Token} schema (an array of numbers, or an object of direction names
 * to numbers), which annotations can't express because the token list is read by
 * {@link TokenDeserializer}.
 */
@Component
class TokenSchema implements OpenApiCustomizer {

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		Schema<?> vector = new ArraySchema().items(new NumberSchema().format("float"))
			.description("A raw token vector of dModel numbers.")
			.example(List.of(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
		Schema<?> named = new Schema<Object>().type("object")
			.types(java.util.Set.of("object"))
			.additionalProperties(new NumberSchema())
			.description("Named directions of the model with their coefficients.")
			.example(lessonToken());
		Schema<?> token = new Schema<>().oneOf(List.of(vector, named))
			.description(
					"One token: an array of dModel numbers, or an object mapping named directions to coefficients.");
		openApi.getComponents().addSchemas("Token", token);
	}

	/**
	 * A JSON object, not a Java map: a map's toString would reach the document, in random
	 * order.
	 */
	private static Object lessonToken() {
		com.fasterxml.jackson.databind.node.ObjectNode token = io.swagger.v3.core.util.Json.mapper().createObjectNode();
		token.put("first:Michael", 1);
		token.put("last:Jordan", 1);
		return token;
	}

}
