package dev.factlab.angles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The optimiser, built from {@code factlab.angles.*}. */
@Configuration(proxyBeanMethods = false)
class AngleConfig {

	@Bean
	AngleOptimiser angleOptimiser(AngleLimits limits) {
		return new AngleOptimiser(limits, limits.workers(), limits.tileSize());
	}

}
