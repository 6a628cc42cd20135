package dev.factlab.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the client name of the request's API key (e.g.
 * {@code key-3f2a9c01b7e4}) when it sent a valid one, else its remote address.
 * Idempotency keys are scoped by the first, rate limits count by either.
 */
public final class Clients {

	private Clients() {
	}

	/** The current request's API-key client name, or empty when it sent no key. */
	public static Optional<String> apiKeyClient() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof PreAuthenticatedAuthenticationToken token && token.isAuthenticated()) {
			return Optional.of(String.valueOf(token.getPrincipal()));
		}
		return Optional.empty();
	}

	/** The API-key client name, else {@code addr-} and the remote address. */
	public static String of(HttpServletRequest request) {
		return apiKeyClient().orElseGet(() -> "addr-" + request.getRemoteAddr());
	}

}
