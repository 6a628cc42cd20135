package dev.factlab.jobs.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.factlab.jobs.JobEndpoint;
import dev.factlab.jobs.JobHandler;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.ProblemResponses;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One OpenAPI operation per registered job kind, {@code POST /api/v1/jobs/<kind>}, from
 * its {@link JobEndpoint}: the kind's operationId, summary, description, tag and
 * examples, its request schema, and the responses every submit has. Runs first, so that
 * later customizers (the API key's) see these operations too.
 */
@Component
@Order(0)
class JobKindOperations implements OpenApiCustomizer {

	private final Jobs jobs;

	JobKindOperations(Jobs jobs) {
		this.jobs = jobs;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		for (JobHandler<?, ?> handler : jobs.handlers()) {
			openApi.path(Jobs.PATH + "/" + handler.kind(), new PathItem().post(operation(handler, openApi)));
		}
	}

	private static Operation operation(JobHandler<?, ?> handler, OpenAPI openApi) {
		JobEndpoint endpoint = handler.endpoint();
		Schema<?> schema = requestSchema(handler.requestType(), openApi);
		MediaType body = new MediaType().schema(schema);
		for (JobEndpoint.Example example : endpoint.examples()) {
			body.addExamples(example.name(),
					new Example().summary(example.summary())
						.description(example.name())
						.value(parse(handler, example)));
		}
		return new Operation().operationId(endpoint.operationId())
			.summary(endpoint.summary())
			.description(endpoint.description())
			.addTagsItem(endpoint.tag())
			.addParametersItem(new Parameter().in("header")
				.name(Jobs.IDEMPOTENCY_KEY_HEADER)
				.required(false)
				.description("Makes a retried POST return the same job")
				.schema(new StringSchema()))
			.requestBody(new RequestBody().content(new Content().addMediaType("application/json", body)))
			.responses(responses());
	}

	/**
	 * A reference to the request type's schema, which is added to the components with the
	 * schemas it refers to (those already there are kept).
	 */
	private static Schema<?> requestSchema(Class<?> type, OpenAPI openApi) {
		boolean openApi31 = openApi.getSpecVersion() == SpecVersion.V31;
		ResolvedSchema resolved = ModelConverters.getInstance(openApi31)
			.readAllAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
		resolved.referencedSchemas.forEach((name, schema) -> {
			if (openApi.getComponents().getSchemas() == null
					|| !openApi.getComponents().getSchemas().containsKey(name)) {
				openApi.getComponents().addSchemas(name, schema);
			}
		});
		return resolved.schema;
	}

	private static Object parse(JobHandler<?, ?> handler, JobEndpoint.Example example) {
		try {
			return Json.mapper().readTree(example.json());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("example '%s' of job kind %s is not JSON: %s".formatted(example.name(),
					handler.kind(), ex.getOriginalMessage()));
		}
	}

	private static ApiResponses responses() {
		Map<String, Header> headers = new LinkedHashMap<>();
		headers.put("Location", new Header().description("The job's URL").schema(new StringSchema()));
		headers.put(JobSubmitController.REPLAYED_HEADER,
				new Header()
					.description("true when the Idempotency-Key named an existing job and nothing new was queued")
					.schema(new StringSchema()));
		ApiResponse accepted = new ApiResponse()
			.description("Queued, or the job a repeated Idempotency-Key made; " + "Location names it")
			.headers(headers)
			.content(new Content().addMediaType("application/json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/JobView"))));
		return new ApiResponses().addApiResponse("202", accepted)
			.addApiResponse("400",
					ProblemResponses.response(400,
							"The body is not valid JSON for this kind, or a value is out of "
									+ "its range (the problem names it)"))
			.addApiResponse("409",
					ProblemResponses.response(409, "The Idempotency-Key was used for a different request"))
			.addApiResponse("413",
					ProblemResponses.response(413,
							"Over a documented limit (the problem names it and " + "carries limit and requested)"))
			.addApiResponse("415", ProblemResponses.response(415, "The body is not application/json"))
			.addApiResponse("429",
					ProblemResponses.response(429, "The job queue is full; retry after Retry-After seconds"));
	}

}
