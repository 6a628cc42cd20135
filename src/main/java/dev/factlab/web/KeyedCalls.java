package dev.factlab.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which calls need the API key (when keys are configured): every POST, PUT, PATCH and
 * DELETE under /api/v1, which create, change, delete or start something (a model, a job;
 * DELETE of a job cancels it), except the pure computations that are POSTs only because
 * their input is a body: forward passes, activation reports, parameter counts and their
 * chart. Those create nothing and change nothing, so like every GET they stay open (and
 * are rate-limited instead). The one rule for the security filter chain and the OpenAPI
 * document.
 */
final class KeyedCalls {

	static final String API = "/api/v1/";

	private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final List<PathPattern> COMPUTATIONS = parse("/api/v1/models/*/forward",
			"/api/v1/models/*/activations", "/api/v1/parameters", "/api/v1/parameters/chart.svg");

	private KeyedCalls() {
	}

	/**
	 * @param path the request path (without context path), or an OpenAPI path template
	 */
	static boolean requiresKey(String method, String path) {
		if (!UNSAFE.contains(method) || !path.startsWith(API)) {
			return false;
		}
		PathContainer container = PathContainer.parsePath(path);
		return COMPUTATIONS.stream().noneMatch(pattern -> pattern.matches(container));
	}

	private static List<PathPattern> parse(String... patterns) {
		PathPatternParser parser = new PathPatternParser();
		return List.of(patterns).stream().map(parser::parse).toList();
	}

}
