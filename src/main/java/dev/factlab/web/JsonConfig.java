package dev.factlab.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON tuned for responses made of floats: Jackson's Schubfach writer and fast parser
 * instead of Java 17's {@code Float.toString}/{@code Double.parseDouble}, which showed up
 * in the forward-pass profile.
 * <p>
 * A {@code null} inside a list or map of a request body ({@code "names": ["a", null]}) is
 * refused while reading, as a 400 naming where it is: no request type has a use for it,
 * and records that copy their lists ({@code List.copyOf}) would fail on it later.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

	@Bean
	JsonMapperBuilderCustomizer fastFloats() {
		return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
			.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
	}

	@Bean
	JsonMapperBuilderCustomizer noNullElements() {
		return builder -> builder.changeDefaultNullHandling(setter -> setter.withContentNulls(Nulls.FAIL));
	}

}
