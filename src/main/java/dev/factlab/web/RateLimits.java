package dev.factlab.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client rate limits of the expensive calls ({@code factlab.rate.*}): every POST
 * under /api/v1 (forward passes, activation reports, parameter counts and charts,
 * creating a model, submitting a job) and every SVG chart. A client is its API key, else
 * its remote address; counts are per instance.
 *
 * @param expensiveCalls expensive calls one client may make per window (a token bucket
 * that refills evenly over the window); one more gets 429 with Retry-After
 * @param window the window of expensive-calls
 * @param maxClients clients tracked at once; past it the idle ones (full buckets) are
 * forgotten
 */
@ConfigurationProperties("factlab.rate")
public record RateLimits(@DefaultValue("1200") long expensiveCalls, @DefaultValue("1m") Duration window,
		@DefaultValue("10000") int maxClients) {

	public RateLimits {
		if (expensiveCalls <= 0 || window.isNegative() || window.isZero() || maxClients <= 0) {
			throw new IllegalArgumentException("factlab.rate limits must be positive: " + this);
		}
	}

}
