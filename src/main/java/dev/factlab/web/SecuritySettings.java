package dev.factlab.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call what ({@code factlab.security.*}).
 *
 * @param apiKeys keys accepted in the X-API-Key header, comma-separated; when any is set,
 * calls that create, change, delete or start something (and cancelling a job) need one,
 * and each key is its own client for idempotency keys and rate limits. Empty (the
 * default): every call is open
 * @param corsAllowedOrigins web origins allowed to call the API from a browser (CORS),
 * comma-separated, e.g. https://lab.example.org; empty (the default): same origin only
 */
@ConfigurationProperties("factlab.security")
public record SecuritySettings(@DefaultValue List<String> apiKeys, @DefaultValue List<String> corsAllowedOrigins) {

	public SecuritySettings {
		apiKeys = apiKeys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
		corsAllowedOrigins = corsAllowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
		for (String key : apiKeys) {
			if (key.length() < 16 || !ApiKeys.FORM.matcher(key).matches()) {
				throw new IllegalArgumentException("factlab.security.api-keys: each key must be 16 to 256 visible "
						+ "ASCII characters (e.g. `openssl rand -hex 32`) but one has " + key.length() + " characters");
			}
		}
	}

	/** True when calls that change something need a key. */
	public boolean keysRequired() {
		return !apiKeys.isEmpty();
	}

}
