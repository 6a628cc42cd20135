package dev.factlab.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring Security for a stateless API: the optional API key ({@link ApiKeyFilter},
 * required by {@link KeyedCalls} when {@code factlab.security.api-keys} is set), the CORS
 * allow-list, and every refusal as a problem. No sessions, no CSRF tokens (no cookies
 * carry authority here), no login page, no generated user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class ApiKeySecurity {

	/** What a browser may send and read across origins. */
	static final List<String> CORS_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, ApiKeyFilter.HEADER, "Idempotency-Key",
			"Last-Event-ID");

	static final List<String> CORS_EXPOSED = List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
			"Idempotent-Replayed");

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecuritySettings settings, ProblemWriter problems) {
		ProblemEntryPoint entryPoint = new ProblemEntryPoint(problems);
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new ApiKeyFilter(new ApiKeys(settings.apiKeys()), entryPoint),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> {
				if (settings.keysRequired()) {
					requests.requestMatchers(r -> KeyedCalls.requiresKey(r.getMethod(), path(r))).authenticated();
				}
				requests.anyRequest().permitAll();
			});
		http.cors(AbstractHttpConfigurer::disable);
		if (!settings.corsAllowedOrigins().isEmpty()) {
			CorsFilter cors = new CorsFilter(cors(settings.corsAllowedOrigins()));
			cors.setCorsProcessor(new ProblemCorsProcessor(problems));
			http.addFilterAt(cors, CorsFilter.class);
		}
		return http.build();
	}

	/**
	 * Spring Security's strict firewall, except for methods: an unknown one (FOO) is left
	 * to Spring MVC, which answers 405 with the allowed ones.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setUnsafeAllowAnyHttpMethod(true);
		return firewall;
	}

	/**
	 * A request the firewall refuses (an encoded slash, "..", a semicolon in the path) is
	 * the client's mistake: 400, not the servlet container's 500.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
		return (request, response, ex) -> problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
				"Malformed request path", "the request path or a header was rejected: " + ex.getMessage()), null);
	}

	private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(origins);
		config.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
		config.setAllowedHeaders(CORS_HEADERS);
		config.setExposedHeaders(CORS_EXPOSED);
		config.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", config);
		return source;
	}

	/** Refuses a request from an origin not on the list with a 403 problem. */
	private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		private final ProblemWriter problems;

		ProblemCorsProcessor(ProblemWriter problems) {
			this.problems = problems;
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			if (response instanceof ServletServerHttpResponse servlet) {
				problems.write(servlet.getServletResponse(), Problems.of(HttpStatus.FORBIDDEN, "Origin not allowed",
						"this origin is not in factlab.security.cors-allowed-origins"), null);
				return;
			}
			super.rejectRequest(response);
		}

	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
