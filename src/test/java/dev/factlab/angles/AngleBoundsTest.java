package dev.factlab.angles;

import dev.factlab.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Bounds against hand-computed values: the formulas evaluated by hand (python3 -c, shown
 * beside each case) and the published figures they must reproduce (the lesson's 84.3° and
 * the known best packings of lines).
 */
class AngleBoundsTest {

	/**
	 * Hand-computed values are given to 1e-9; the formulas are a few double operations.
	 */
	static final double TOLERANCE = 1e-9;

	@Test
	void welchBoundOfTheLessonIs84Point3Degrees() {
		AngleBounds bounds = AngleBounds.of(10_000, 100, 1);
		// sqrt(9900 / (100 * 9999)) = 0.09950371902099892, acos = 84.28940686250037°
		assertThat(bounds.welch().cosine()).isCloseTo(0.09950371902099892, within(TOLERANCE));
		assertThat(bounds.welch().degrees()).isCloseTo(84.28940686250037, within(TOLERANCE));
		assertThat(Math.round(bounds.welch().degrees() * 10) / 10.0).isEqualTo(84.3);
	}

	@Test
	void levensteinBoundIsTighterOnceNExceedsDTimesDPlusOneOverTwo() {
		AngleBounds bounds = AngleBounds.of(10_000, 100, 1);
		// 10,000 > 100·101/2: sqrt((30000 − 10000 − 200) / (102 · 9900)) =
		// 0.14002800840280097, acos = 81.95053302447161°
		assertThat(bounds.levenstein().cosine()).isCloseTo(0.14002800840280097, within(TOLERANCE));
		assertThat(bounds.levenstein().degrees()).isCloseTo(81.95053302447161, within(TOLERANCE));
		assertThat(bounds.bestWorstCaseDegrees()).isEqualTo(bounds.levenstein().degrees());
		assertThat(AngleBounds.of(5_050, 100, 1).levenstein()).isNull();
	}

	@Test
	void boundsReachTheKnownBestPackingsOfLines() {
		// 4 lines in the plane: best is 45° apart (0°, 45°, 90°, 135°), and Levenstein's
		// bound is exactly that.
		assertThat(AngleBounds.of(4, 2, 1).bestWorstCaseDegrees()).isCloseTo(45, within(TOLERANCE));
		// 6 lines in 3D (the icosahedron's diagonals) are equiangular at acos(1/√5) =
		// 63.43494882292201°: Welch's bound.
		assertThat(AngleBounds.of(6, 3, 1).bestWorstCaseDegrees()).isCloseTo(63.43494882292201, within(TOLERANCE));
		// Up to D vectors can be exactly perpendicular.
		assertThat(AngleBounds.of(100, 100, 1).welch().degrees()).isEqualTo(90);
	}

	@Test
	void capacityWithinOneDegreeInOneHundredDimensions() {
		AngleBounds.Capacity capacity = AngleBounds.of(10_000, 100, 1).capacity();
		// eps = sin 1° = 0.01745240643728351; D eps² = 0.030458649; 100 (1 − eps²) / (1 −
		// D eps²) = 103.11
		assertThat(capacity.maxCosine()).isCloseTo(0.01745240643728351, within(TOLERANCE));
		assertThat(capacity.upperLimit()).isEqualTo(103L);
		// D eps² / (4 ln 10) = 0.0033070058016409928: random placement fits about one
		// vector
		assertThat(capacity.randomPlacementLog10()).isCloseTo(0.0033070058016409928, within(TOLERANCE));
		assertThat(capacity.randomPlacementFormula()).contains("exp(-D eps^2 / 2)");
	}

	@Test
	void capacityGrowsExponentiallyWithDimensions() {
		// GPT-3's d_model: within 5°, D eps² / (4 ln 10) = 10.134388277006344, about
		// 1.4e10 random vectors fit...
		AngleBounds.Capacity wide = AngleBounds.of(1_000_000, 12_288, 5).capacity();
		assertThat(wide.randomPlacementLog10()).isCloseTo(10.134388277006344, within(TOLERANCE));
		// ... and neither bound limits them (D eps² ≥ 1 and (D + 2) eps² ≥ 3).
		assertThat(wide.upperLimit()).isNull();
		// 100 dimensions within 5°: Welch allows at most 412.
		assertThat(AngleBounds.of(10_000, 100, 5).capacity().upperLimit()).isEqualTo(412L);
	}

	@Test
	void rejectsMeaninglessRequests() {
		assertThatThrownBy(() -> AngleBounds.of(1, 100, 1)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("vectors must be at least 2");
		assertThatThrownBy(() -> AngleBounds.of(10, 0, 1)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> AngleBounds.of(10, 10, 0)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("toleranceDegrees");
		assertThatThrownBy(() -> AngleBounds.of(10, 10, 90)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> AngleBounds.of(10, 10, Double.NaN)).isInstanceOf(InvalidInputException.class);
	}

}
