package dev.factlab.angles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The optimiser, built from {@code factlab.angles.*}. */
@Configuration(proxyBeanMethods = false)
class AngleConfig {

	@Bean
	AngleOptimiser angleOptimiser(AngleSettings settings) {
		return new AngleOptimiser(settings.limits(), settings.workers(), settings.tileSize());
	}

}
