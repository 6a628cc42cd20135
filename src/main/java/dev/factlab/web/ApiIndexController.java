package dev.factlab.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's front door: what it is and where to go. Also the trivial JSON endpoint the
 * benchmarks compare with.
 */
@RestController
@Tag(name = "Index", description = "Where to start")
class ApiIndexController {

	private static final Map<String, Object> INDEX = Map.of("service", "Fact Lab", "version", "v1", "links",
			Map.of("models", "/api/v1/models", "lessonModel", "/api/v1/models/michael-jordan", "openapi",
					"/v3/api-docs", "swaggerUi", "/swagger-ui.html", "health", "/actuator/health"));

	@GetMapping("/api/v1")
	@Operation(summary = "API index", description = "The service's name, version and links to its resources.")
	@ProblemResponse(status = 406, description = ProblemResponse.NOT_ACCEPTABLE)
	Map<String, Object> index() {
		return INDEX;
	}

}
