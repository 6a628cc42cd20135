package dev.factlab.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.factlab.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the configuration records: every message names what was expected and what
 * came.
 */
class TransformerConfigTest {

	static TransformerConfig withHeads(int heads, int kvHeads) {
		return new TransformerConfig(32000, 4096, 4096, 32, heads, 128, kvHeads, 11008, MlpKind.GATED, false, false,
				NormKind.RMSNORM, PositionKind.NONE, false, null);
	}

	@Test
	void kvHeadsMustDivideHeads() {
		assertThatThrownBy(() -> withHeads(32, 5)).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			assertThat(ex.getMessage()).isEqualTo("kvHeads must divide heads: heads=32, kvHeads=5");
			assertThat(ex.properties()).containsEntry("heads", 32).containsEntry("kvHeads", 5);
		});
		assertThat(withHeads(32, 8).kvWidth()).isEqualTo(1024);
		assertThat(withHeads(32, 1).kvWidth()).isEqualTo(128);
	}

	@Test
	void sizesMustBePositiveAndBounded() {
		assertThatThrownBy(() -> new TransformerConfig(32000, 4096, 0, 32, 32, 128, 32, 11008, MlpKind.GATED, false,
				false, NormKind.RMSNORM, PositionKind.NONE, false, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("dModel must be between 1 and 1,000,000 but was 0");
		assertThatThrownBy(() -> new TransformerConfig(32000, 4096, 4096, 10_001, 32, 128, 32, 11008, MlpKind.GATED,
				false, false, NormKind.RMSNORM, PositionKind.NONE, false, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("layers must be between 1 and 10,000 but was 10,001");
		assertThatThrownBy(() -> new TransformerConfig(-1, 4096, 4096, 32, 32, 128, 32, 11008, MlpKind.GATED, false,
				false, NormKind.RMSNORM, PositionKind.NONE, false, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("vocab must be between 1 and 10,000,000 but was -1");
	}

	@Test
	void choicesMustBeGiven() {
		assertThatThrownBy(() -> new TransformerConfig(32000, 4096, 4096, 32, 32, 128, 32, 11008, null, false, false,
				NormKind.RMSNORM, PositionKind.NONE, false, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("mlp must be given but was null");
	}

	@Test
	void expertsPerTokenMustNotExceedExperts() {
		assertThatThrownBy(() -> new MixtureOfExperts(8, 9, 0, 1, 14336))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.getMessage())
					.isEqualTo("expertsPerToken must not exceed experts: experts=8, expertsPerToken=9");
			});
		assertThatThrownBy(() -> new MixtureOfExperts(4097, 1, 0, 1, 14336)).isInstanceOf(InvalidInputException.class)
			.hasMessage("moe.experts must be between 1 and 4,096 but was 4,097");
	}

	@Test
	void someLayerMustHoldExperts() {
		var moe = new MixtureOfExperts(8, 2, 32, 1, 14336);
		assertThatThrownBy(() -> new TransformerConfig(32000, 4096, 4096, 32, 32, 128, 8, 14336, MlpKind.GATED, false,
				false, NormKind.RMSNORM, PositionKind.NONE, false, moe))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("layers=32, firstDenseLayers=32");
	}

	@Test
	void expertLayersFollowFirstDenseLayersAndInterval() {
		assertThat(new MixtureOfExperts(8, 2, 0, 1, 1).expertLayers(32)).isEqualTo(32);
		// layers 0, 2, ..., 30
		assertThat(new MixtureOfExperts(8, 2, 0, 2, 1).expertLayers(32)).isEqualTo(16);
		// layers 3, 5, ..., 31 (DeepSeek-style dense start, then every other)
		assertThat(new MixtureOfExperts(8, 2, 3, 2, 1).expertLayers(32)).isEqualTo(15);
		// layers 1..26
		assertThat(new MixtureOfExperts(8, 2, 1, 1, 1).expertLayers(27)).isEqualTo(26);
	}

}
