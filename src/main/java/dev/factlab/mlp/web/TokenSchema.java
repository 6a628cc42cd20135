package dev.factlab.mlp.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Declares the {@code Token} schema, which annotations can't express because the token
 * list is read by {@link TokenDeserializer}: {@code oneOf} a {@code TokenVector} (an
 * array of numbers) or a {@code NamedToken} (an object of direction names to numbers).
 * The JSON type tells the two apart, so there is no discriminator property.
 * <p>
 * springdoc also lists the sealed {@code TokenInput}'s records beside each
 * {@code $ref: Token} as {@code oneOf: [Named, Vector]}, schemas it never defines; this
 * customizer removes those siblings, leaving the plain reference.
 */
@Component
class TokenSchema implements OpenApiCustomizer {

	static final String REF = "#/components/schemas/Token";

	@Override
	public void customise(OpenAPI openApi) {
		Schema<?> vector = new Schema<>().types(Set.of("array"))
			.items(new NumberSchema().format("float"))
			.description("A raw token vector of dModel numbers.")
			.example(List.of(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
		Schema<?> named = new Schema<>().types(Set.of("object"))
			.additionalProperties(new NumberSchema())
			.description("Named directions of the model with their coefficients (models with named directions only).")
			.example(lessonToken());
		Schema<?> token = new Schema<>()
			.oneOf(List.of(new Schema<>().$ref("#/components/schemas/TokenVector"),
					new Schema<>().$ref("#/components/schemas/NamedToken")))
			.description(
					"One token: an array of dModel numbers, or an object mapping named directions to coefficients.");
		openApi.getComponents().addSchemas("TokenVector", vector);
		openApi.getComponents().addSchemas("NamedToken", named);
		openApi.getComponents().addSchemas("Token", token);
		for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
			Map<String, Schema> properties = schema.getProperties();
			if (properties != null) {
				properties.values().forEach(TokenSchema::dropUndefinedSubtypes);
			}
		}
	}

	private static void dropUndefinedSubtypes(Schema<?> property) {
		Schema<?> items = property.getItems();
		if (items != null && REF.equals(items.get$ref())) {
			items.setOneOf(null);
		}
	}

	/**
	 * A JSON object, not a Java map: a map's toString would reach the document, in random
	 * order.
	 */
	private static Object lessonToken() {
		ObjectNode token = Json.mapper().createObjectNode();
		token.put("first:Michael", 1);
		token.put("last:Jordan", 1);
		return token;
	}

}
