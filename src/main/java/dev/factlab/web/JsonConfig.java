package dev.factlab.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

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
 * <p>
 * A JSON value of the wrong type is refused too, instead of being coerced: {@code true},
 * {@code -1} or {@code 0.5} where the contract says string, and {@code "NaN"} or
 * {@code "12"} where it says number.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

	@Bean
	JsonMapperBuilderCustomizer fastFloats() {
		return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
			.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
	}

	@Bean
	JsonMapperBuilderCustomizer noScalarCoercion() {
		return builder -> builder
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
	}

	@Bean
	JsonMapperBuilderCustomizer noNullElements() {
		return builder -> builder.changeDefaultNullHandling(setter -> setter.withContentNulls(Nulls.FAIL));
	}

}
