package dev.factlab.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@value #HEADER}: a configured key makes the
 * request's principal that key's client name ({@link ApiKeys}); any other value is
 * answered 401 at once, whatever the call, since a wrong key is a client's mistake worth
 * telling. A request without the header goes on anonymous, and the authorization rules
 * decide ({@link KeyedCalls}). Not a bean: only the security filter chain runs it.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiKeys keys;

	private final AuthenticationEntryPoint entryPoint;

	ApiKeyFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
		this.keys = keys;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<String> client = keys.client(presented);
		if (client.isEmpty()) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response,
					new BadCredentialsException("the " + HEADER + " header holds no key this server accepts"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PreAuthenticatedAuthenticationToken(client.get(), null,
				AuthorityUtils.createAuthorityList(List.of("ROLE_CLIENT"))));
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
