package dev.factlab.web;

import java.util.List;

import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI document's header: what the service is, its conventions, and this server's
 * limits, listed from the configuration records ({@link FactLabProperties}) with the
 * values this server runs with.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String DESCRIPTION = """
			Fact Lab turns 3Blue1Brown's lesson "How might LLMs store facts" into working, inspectable machinery: MLP \
			blocks with every intermediate, the lesson's "Michael Jordan plays basketball" toy (model `michael-jordan`), \
			neuron activations, and what each neuron reads and writes.

			**Shapes.** For tokens E [tokens, dModel]: pre = E·W_upᵀ + b_up, h = act(pre), out = h·W_downᵀ + b_down, \
			residual = E + out. W_up is [neurons, dModel] (row i is the question neuron i asks); W_down is \
			[dModel, neurons] (column i is what neuron i adds when active).

			**Errors.** Every answer that is not a success is an RFC 9457 problem (application/problem+json) with a \
			precise `detail`, including those of the servlet container (a malformed request line, headers too large): \
			400 unreadable or invalid input, 401 a missing or unknown API key (only where the server has keys: see \
			the ApiKey scheme), 404 unknown resource, 405 method not allowed, 409 conflict with a resource's state, \
			413 over a documented limit (the problem carries `limit` and `requested`), 415 not JSON, 429 when the job \
			queue or the event streams are full or a client is over its rate limit, 503 when the service is busy for \
			a moment (429 and 503 with a Retry-After header).

			**Limits and settings** of this server (each is a property, or an environment variable such as \
			FACTLAB_MLP_MAX_TOKENS_PER_REQUEST):
			""";

	@Bean
	OpenAPI factLabOpenApi(Environment environment) {
		return new OpenAPI()
			.info(new Info().title("Fact Lab API")
				.version("v1")
				.description(DESCRIPTION + settings(FactLabProperties.all(), environment))
				.contact(new Contact().name("Fact Lab"))
				.license(new License().name("MIT").identifier("MIT")))
			.externalDocs(
					new ExternalDocumentation().description("The lesson: How might LLMs store facts (3Blue1Brown)")
						.url("https://www.3blue1brown.com/lessons/mlp"))
			.servers(List.of(new Server().url("/").description("This server")));
	}

	/** One line per setting: key, the value this server runs with, what it sets. */
	static String settings(List<FactLabProperties.Property> properties, Environment environment) {
		StringBuilder list = new StringBuilder();
		for (FactLabProperties.Property property : properties) {
			list.append("- `")
				.append(property.name())
				.append("` = ")
				.append(environment.getProperty(property.name(), property.defaultValue()))
				.append(": ")
				.append(property.description())
				.append('\n');
		}
		return list.toString();
	}

}
