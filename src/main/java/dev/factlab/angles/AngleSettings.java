package dev.factlab.angles;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caps and tuning of the angle experiment ({@code factlab.angles.*}); a spec over a cap
 * gets a 413 problem.
 *
 * @param maxVectors largest N
 * @param maxDimensions largest D
 * @param maxElements largest N·D
 * @param maxSteps most Adam steps
 * @param maxBins most bins of either histogram
 * @param workers parallel lanes of the tiled step (BLAS runs single-threaded inside them)
 * @param tileSize rows per Gram tile
 */
@ConfigurationProperties("factlab.angles")
public record AngleSettings(@DefaultValue("100000") int maxVectors, @DefaultValue("1024") int maxDimensions,
		@DefaultValue("10000000") long maxElements, @DefaultValue("10000") int maxSteps,
		@DefaultValue("10000") int maxBins, @DefaultValue("2") int workers, @DefaultValue("1024") int tileSize) {

	public AngleLimits limits() {
		return new AngleLimits(maxVectors, maxDimensions, maxElements, maxSteps, maxBins);
	}

}
