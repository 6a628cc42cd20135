package dev.factlab.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.factlab.errors.NotFoundException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each preset against its published figure. */
class PresetCatalogueTest {

	/**
	 * Table 2.1 prints counts rounded to two or three digits (350M for 355.9M); allow
	 * that much.
	 */
	static final double TABLE_2_1_ROUNDING_PERCENT = 2.5;

	private final PresetCatalogue catalogue = new PresetCatalogue();

	private final ParameterCount count = new ParameterCount();

	private long full(String name) {
		return count.count(catalogue.find(name).config()).conventions().full();
	}

	@ParameterizedTest
	@CsvSource({ "gpt3-small, 125000000", "gpt3-medium, 350000000", "gpt3-large, 760000000", "gpt3-2.7b, 2700000000",
			"gpt3-6.7b, 6700000000", "gpt3-13b, 13000000000", "gpt3-175b, 175000000000" })
	void gpt3PresetsMatchTable21(String name, long published) {
		assertThat(full(name)).isCloseTo(published, withinPercentage(TABLE_2_1_ROUNDING_PERCENT));
		assertThat(count.count(catalogue.find(name).config()).warnings()).isEmpty();
	}

	@Test
	void gpt3_175bMatchesTableD1AndTheLesson() {
		// Table D.1 prints 174,600 (millions): the full count rounded to hundreds of
		// millions
		assertThat(Math.round(full("gpt3-175b") / 1e8) * 100).isEqualTo(174_600L);
		assertThat(full("gpt3-175b")).isEqualTo(174_604_259_328L);
		assertThat(count.count(catalogue.find("gpt3-175b").config()).conventions().matrices())
			.isEqualTo(175_181_291_520L);
	}

	@Test
	void gpt3_13bUsesTheCorrectedWidthAndSaysSo() {
		Preset preset = catalogue.find("gpt3-13b");
		assertThat(preset.config().dModel()).isEqualTo(5120).isEqualTo(40 * 128);
		assertThat(preset.notes()).contains("5140");
	}

	@Test
	void gpt3XlIsKeptAsPrintedWithAWarning() {
		Preset preset = catalogue.find("gpt3-xl");
		assertThat(preset.config().heads() * preset.config().dHead()).isEqualTo(3072);
		ParameterBreakdown b = count.count(preset.config());
		assertThat(b.warnings()).anyMatch(w -> w.contains("3,072") && w.contains("2,048"));
		// per layer: attention 4 · 2,048 · 3,072 + biases 3 · 3,072 + 2,048; MLP 8 ·
		// 2,048² + 5 · 2,048;
		// LayerNorms 4 · 2,048 → 58,749,952; × 24 + 50,257 · 2,048 + 2,048 · 2,048 + 2 ·
		// 2,048
		assertThat(b.conventions().full()).isEqualTo(1_517_123_584L);
	}

	@Test
	void gpt2CheckpointsExactly() {
		Map<String, Long> released = Map.of("gpt2-small", 124_439_808L, "gpt2-medium", 354_823_168L, "gpt2-large",
				774_030_080L, "gpt2-xl", 1_557_611_200L);
		released.forEach((name, n) -> assertThat(full(name)).as(name).isEqualTo(n));
	}

	@Test
	void llamaCheckpointsExactly() {
		assertThat(full("llama-2-7b")).isEqualTo(6_738_415_616L);
		assertThat(full("llama-3-8b")).isEqualTo(8_030_261_248L);
		assertThat(catalogue.find("llama-2-7b").config().context()).isEqualTo(4096);
		assertThat(catalogue.find("llama-3-8b").config().context()).isEqualTo(8192);
	}

	@Test
	void fourteenPresetsEachWithASource() {
		assertThat(catalogue.names()).hasSize(14).doesNotHaveDuplicates();
		assertThat(catalogue.all()).allSatisfy(p -> {
			assertThat(p.source()).isNotBlank();
			assertThat(p.notes()).isNotBlank();
			assertThat(p.published()).isNotBlank();
		});
	}

	@Test
	void unknownPresetIsNotFoundAndListsTheNames() {
		assertThatThrownBy(() -> catalogue.find("gpt-4")).isInstanceOfSatisfying(NotFoundException.class, ex -> {
			assertThat(ex.getMessage()).contains("'gpt-4'", "gpt3-175b", "llama-3-8b");
			assertThat(ex.properties().get("known")).isEqualTo(catalogue.names());
		});
	}

}
