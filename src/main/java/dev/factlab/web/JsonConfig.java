package dev.factlab.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON tuned for responses made of floats: Jackson's Schubfach writer and fast parser
 * instead of Java 17's {@code Float.toString}/{@code Double.parseDouble}, which showed up
 * in the forward-pass profile.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

	@Bean
	JsonMapperBuilderCustomizer fastFloats() {
		return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
			.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
	}

}
