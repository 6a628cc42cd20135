package dev.factlab.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Turns each {@link ProblemResponse} of a controller method into its OpenAPI response,
 * and builds the same responses for operations made without a controller method.
 */
@Component
public class ProblemResponses implements OperationCustomizer {

	static final String MEDIA_TYPE = "application/problem+json";

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		for (ProblemResponse problem : AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(),
				ProblemResponse.class)) {
			if (operation.getResponses() == null) {
				operation.setResponses(new ApiResponses());
			}
			operation.getResponses()
				.addApiResponse(Integer.toString(problem.status()), response(problem.status(), problem.description()));
		}
		return operation;
	}

	/**
	 * A response with a {@code Problem} body, and a Retry-After header for 429 and 503.
	 */
	public static ApiResponse response(int status, String description) {
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType(MEDIA_TYPE,
					new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF))));
		if (status == 429 || status == 503) {
			response.addHeaderObject("Retry-After",
					new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
		}
		return response;
	}

}
