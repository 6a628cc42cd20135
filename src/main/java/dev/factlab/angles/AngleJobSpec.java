package dev.factlab.angles;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.factlab.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An angle-distribution job as stored: every default resolved, so the job reads back
 * exactly what ran.
 *
 * @param loss {@code lesson} or {@code smooth-max-cosine}
 */
@Schema(description = "The angle experiment as it runs, every default resolved")
public record AngleJobSpec(@Schema(description = "N, the number of vectors", example = "10000") int vectors,
		@Schema(description = "D, their dimension", example = "100") int dimensions,
		@Schema(description = "Seed of the standard-normal start", example = "0") long seed,
		@Schema(description = "Adam steps", example = "250") int steps,
		@Schema(description = "lesson or smooth-max-cosine", example = "lesson") String loss,
		@Schema(description = "Adam's learning rate", example = "0.01") double learningRate,
		@Schema(description = "Adam's beta1", example = "0.9") double beta1,
		@Schema(description = "Adam's beta2", example = "0.999") double beta2,
		@Schema(description = "Adam's eps", example = "1e-8") double epsilon,
		@Schema(description = "The lesson loss's dead zone around 0", example = "0.01") double cutoff,
		@Schema(description = "q of the smooth-max-cosine loss", example = "64") int smoothMaxExponent,
		@Schema(description = "The full histogram's bins") HistogramRange histogram,
		@Schema(description = "The zoomed histogram's bins") HistogramRange zoom) {

	/** The loss's API name: {@code SMOOTH_MAX_COSINE} is {@code smooth-max-cosine}. */
	public static String lossName(AngleLoss loss) {
		return loss.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * @throws InvalidInputException for an unknown name, listing the known ones
	 */
	public static AngleLoss parseLoss(String name) {
		for (AngleLoss loss : AngleLoss.values()) {
			if (lossName(loss).equals(name)) {
				return loss;
			}
		}
		throw new InvalidInputException("Unknown loss", "loss must be one of %s but was '%s'".formatted(
				Arrays.stream(AngleLoss.values()).map(AngleJobSpec::lossName).collect(Collectors.joining(", ")), name));
	}

	/**
	 * @throws InvalidInputException when a value is out of its range
	 */
	public AngleExperiment toExperiment() {
		try {
			return new AngleExperiment(vectors, dimensions, seed, steps, learningRate, beta1, beta2, epsilon,
					parseLoss(loss), cutoff, smoothMaxExponent, histogram, zoom);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Invalid experiment", ex.getMessage());
		}
	}

}
