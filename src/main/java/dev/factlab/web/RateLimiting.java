package dev.factlab.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.factlab.errors.RetryLaterException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One Bucket4j token bucket per client ({@link Clients#of}) for the expensive calls
 * ({@link #isExpensive}): {@code factlab.rate.expensive-calls} per
 * {@code factlab.rate.window}, refilled evenly. An empty bucket answers 429 with
 * Retry-After (when the next call is allowed) and a problem naming the limit and window.
 */
@Component
@EnableConfigurationProperties(RateLimits.class)
class RateLimiting implements HandlerInterceptor, WebMvcConfigurer {

	static final String REMAINING_HEADER = "RateLimit-Remaining";

	private final RateLimits limits;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiting(RateLimits limits) {
		this.limits = limits;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(KeyedCalls.API + "**");
	}

	/** POSTs under /api/v1 and SVG charts. */
	static boolean isExpensive(String method, String path) {
		return path.startsWith(KeyedCalls.API)
				&& ("POST".equals(method) || "GET".equals(method) && path.endsWith(".svg"));
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!isExpensive(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()))) {
			return true;
		}
		String client = Clients.of(request);
		ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			response.setHeader(REMAINING_HEADER, Long.toString(probe.getRemainingTokens()));
			return true;
		}
		throw new RetryLaterException(
				"expensive calls by client %s per %d s window (factlab.rate.expensive-calls per factlab.rate.window)"
					.formatted(client, limits.window().toSeconds()),
				limits.expensiveCalls(), Duration.ofNanos(probe.getNanosToWaitForRefill()))
			.with("windowSeconds", limits.window().toSeconds())
			.with("client", client);
	}

	private Bucket bucket(String client) {
		if (buckets.size() >= limits.maxClients() && !buckets.containsKey(client)) {
			// forget the idle clients: a full bucket is what a new one would be
			buckets.values().removeIf(b -> b.getAvailableTokens() >= limits.expensiveCalls());
		}
		return buckets.computeIfAbsent(client,
				c -> Bucket.builder()
					.addLimit(limit -> limit.capacity(limits.expensiveCalls())
						.refillGreedy(limits.expensiveCalls(), limits.window()))
					.build());
	}

}
