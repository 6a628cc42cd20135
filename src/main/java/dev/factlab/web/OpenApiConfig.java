package dev.factlab.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.ExternalDocumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header: what the service is, its conventions and its limits. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String DESCRIPTION = """
			Fact Lab turns 3Blue1Brown's lesson "How might LLMs store facts" into working, inspectable machinery: MLP \
			blocks with every intermediate, the lesson's "Michael Jordan plays basketball" toy (model `michael-jordan`), \
			neuron activations, and what each neuron reads and writes.

			**Shapes.** For tokens E [tokens, dModel]: pre = E·W_upᵀ + b_up, h = act(pre), out = h·W_downᵀ + b_down, \
			residual = E + out. W_up is [neurons, dModel] (row i is the question neuron i asks); W_down is \
			[dModel, neurons] (column i is what neuron i adds when active).

			**Errors.** Every client mistake is an RFC 9457 problem (application/problem+json) with a precise `detail`: \
			400 unreadable or invalid input, 404 unknown resource, 409 conflict with a resource's state, 413 over a \
			documented limit (the problem carries `limit` and `requested`), 429 when the job queue or the event streams are \
			full (with a Retry-After header).

			**Limits** (configurable, defaults): request body 64 MB (factlab.web.max-request-bytes); 2,048 tokens per \
			request; dModel ≤ 16,384; neurons ≤ 65,536; explicit-weight models ≤ 1,048,576 parameters; user models \
			together ≤ 5 GB of float32 (factlab.mlp.model-memory-budget); tokens × neurons ≤ 33,554,432 per pass; \
			≤ 4,194,304 numbers per forward response; topK ≤ 256; ≤ 1,024 named directions per model; jobs: 16 queued or \
			running (factlab.jobs.max-queued), 1 running per instance, 64 open event streams per instance.""";

	@Bean
	OpenAPI factLabOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fact Lab API")
				.version("v1")
				.description(DESCRIPTION)
				.contact(new Contact().name("Fact Lab"))
				.license(new License().name("MIT")))
			.externalDocs(
					new ExternalDocumentation().description("The lesson: How might LLMs store facts (3Blue1Brown)")
						.url("https://www.3blue1brown.com/lessons/mlp"))
			.servers(java.util.List
				.of(new io.swagger.v3.oas.models.servers.Server().url("/").description("This server")));
	}

}
