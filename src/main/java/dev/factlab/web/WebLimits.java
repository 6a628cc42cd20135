package dev.factlab.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits ({@code factlab.web.*}).
 *
 * @param maxRequestBytes largest request body; larger ones get 413 before they are read
 */
@ConfigurationProperties("factlab.web")
public record WebLimits(@DefaultValue("64MB") DataSize maxRequestBytes) {

	public WebLimits {
		if (maxRequestBytes.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"factlab.web.max-request-bytes must be positive but was " + maxRequestBytes);
		}
	}

}
