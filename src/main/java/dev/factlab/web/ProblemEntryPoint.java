package dev.factlab.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 answer for a call that needs the API key: a problem naming the header, with
 * {@code WWW-Authenticate: ApiKey header="X-API-Key"}; never Spring Security's default
 * page or a browser login prompt.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint {

	static final String CHALLENGE = "ApiKey realm=\"fact-lab\", header=\"" + ApiKeyFilter.HEADER + "\"";

	private final ProblemWriter problems;

	ProblemEntryPoint(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String detail = ex instanceof BadCredentialsException ? ex.getMessage() + "; send a configured API key"
				: "%s %s creates, changes, deletes or starts something, so it needs an API key in the %s header"
					.formatted(request.getMethod(), request.getRequestURI(), ApiKeyFilter.HEADER);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		problems.write(response,
				Problems.at(Problems.of(HttpStatus.UNAUTHORIZED, "API key required", detail), request.getRequestURI()),
				null);
	}

}
