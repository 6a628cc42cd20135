package dev.factlab.angles;

import dev.factlab.tensor.MemoryBudget;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The optimiser, built from {@code factlab.angles.*}. */
@Configuration(proxyBeanMethods = false)
class AngleConfig {

	@Bean
	AngleOptimiser angleOptimiser(AngleLimits limits, MemoryBudget budget) {
		return new AngleOptimiser(limits, limits.workers(), limits.tileSize(), budget);
	}

}
