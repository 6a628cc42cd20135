package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTests {

	@ParameterizedTest
	@EnumSource(Activation.class)
	void matchesTheTextbookFormulaOverTheRangeThatMatters(Activation activation) {
		for (double x = -12; x <= 12; x += 0.0137) {
			Reference.assertClose(Reference.activation(activation.wireName(), x), activation.apply(x),
					activation + "(" + x + ")");
		}
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void isFoundByItsApiName(Activation activation) {
		assertThat(Activation.fromWireName(activation.wireName().toUpperCase())).isEqualTo(activation);
		assertThat(Activation.fromWireName("softmax")).isNull();
	}

	@org.junit.jupiter.api.Test
	void geluKeepsItsRelativePrecisionInTheNegativeTail() {
		for (double x = -9; x <= -3; x += 0.25) {
			double expected = Reference.activation("gelu", x);
			assertThat(Math.abs(Activation.GELU.apply(x) - expected) / Math.abs(expected)).as("gelu(%s)", x)
				.isLessThan(Reference.TOLERANCE);
		}
	}

}
