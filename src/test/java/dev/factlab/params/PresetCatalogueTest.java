package dev.factlab.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import dev.factlab.errors.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each preset against its published figure. */
class PresetCatalogueTest {

	private final PresetCatalogue catalogue = new PresetCatalogue();

	private final ParameterCount count = new ParameterCount();

	private long full(String name) {
		return count.count(catalogue.find(name).config()).conventions().full();
	}

	/**
	 * Table D.1 of Brown et al. (2020), "Params (M)", as printed, and the unit of each
	 * printed number's last significant digit (in millions).
	 */
	@ParameterizedTest
	@CsvSource({ "gpt3-small, 125, 1", "gpt3-medium, 356, 1", "gpt3-large, 760, 10", "gpt3-xl, 1320, 10",
			"gpt3-2.7b, 2650, 10", "gpt3-6.7b, 6660, 10", "gpt3-13b, 12850, 10", "gpt3-175b, 174600, 100" })
	void gpt3PresetsReproduceTableD1AtItsPrecision(String name, long printedMillions, long unitMillions) {
		long unit = unitMillions * 1_000_000L;
		assertThat(Math.floorDiv(full(name) + unit / 2, unit) * unit).as(name).isEqualTo(printedMillions * 1_000_000L);
		assertThat(catalogue.find(name).publishedTotal()).isEqualTo(new PublishedTotal(printedMillions * 1_000_000L,
				unit, "Brown et al. (2020), Table D.1, \"Params (M)\""));
		assertThat(count.count(catalogue.find(name).config()).warnings()).as(name)
			.noneMatch(w -> w.contains("heads × dHead"));
	}

	@Test
	void everyPresetReproducesItsPublishedTotal() {
		assertThat(catalogue.all()).allSatisfy(preset -> {
			long counted = count.count(preset.config()).conventions().full();
			assertThat(preset.publishedTotal().reproducedBy(counted))
				.as("%s counts %,d, published %s", preset.name(), counted, preset.publishedTotal())
				.isTrue();
		});
	}

	@Test
	void everyPresetIsConsistentOrItsNotesExplainWhy() {
		assertThat(catalogue.all()).allSatisfy(preset -> assertThat(unexplainedInconsistency(preset)).isNull());
	}

	@Test
	void theConsistencyCheckCatchesAnUnexplainedPreset() {
		Preset printedXl = catalogue.find("gpt3-xl");
		TransformerConfig c = printedXl.config();
		TransformerConfig asPrinted = new TransformerConfig(c.vocab(), c.context(), c.dModel(), c.layers(), 24, 128, 24,
				c.dFf(), c.mlp(), c.attentionBias(), c.mlpBias(), c.norm(), c.position(), c.tiedEmbeddings(), c.moe());
		Preset silent = new Preset("xl-as-printed", "XL", "Table 2.1", "1.3B", printedXl.publishedTotal(),
				"nothing said", asPrinted);
		assertThat(unexplainedInconsistency(silent)).contains("3,072", "2,048");
		assertThat(silent.publishedTotal().reproducedBy(count.count(asPrinted).conventions().full())).isFalse();
		Preset explained = new Preset("xl-as-printed", "XL", "Table 2.1", "1.3B", printedXl.publishedTotal(),
				"Printed with 24 heads of 128 = 3,072 for a d_model of 2,048; kept as printed.", asPrinted);
		assertThat(unexplainedInconsistency(explained)).isNull();
	}

	/**
	 * Every preset here is GPT- or Llama-style, where heads × dHead must equal dModel. A
	 * preset that departs from that passes only if its notes name both numbers.
	 * @return what is wrong, or null
	 */
	private static String unexplainedInconsistency(Preset preset) {
		TransformerConfig c = preset.config();
		if (c.attentionWidth() == c.dModel()) {
			return null;
		}
		String width = String.format(Locale.ROOT, "%,d", c.attentionWidth());
		String dModel = String.format(Locale.ROOT, "%,d", c.dModel());
		if (preset.notes().contains(width) && preset.notes().contains(dModel)) {
			return null;
		}
		return "%s: heads × dHead = %s ≠ dModel = %s and the notes don't explain it".formatted(preset.name(), width,
				dModel);
	}

	@Test
	void gpt3_175bMatchesTableD1AndTheLesson() {
		assertThat(full("gpt3-175b")).isEqualTo(174_604_259_328L);
		assertThat(count.count(catalogue.find("gpt3-175b").config()).conventions().matrices())
			.isEqualTo(175_181_291_520L);
	}

	@Test
	void gpt3_13bUsesTheCorrectedWidthAndSaysSo() {
		Preset preset = catalogue.find("gpt3-13b");
		assertThat(preset.config().dModel()).isEqualTo(5120).isEqualTo(40 * 128);
		assertThat(preset.notes()).contains("5,140", "12,850M");
	}

	@Test
	void gpt3XlFollowsTheReadingThatReproducesTableD1AndSaysWhy() {
		Preset preset = catalogue.find("gpt3-xl");
		assertThat(preset.config().heads() * preset.config().dHead()).isEqualTo(2048);
		assertThat(preset.config().dHead()).isEqualTo(128);
		assertThat(preset.notes()).contains("24 × 128 = 3,072 ≠ 2,048", "1,320M");
		ParameterBreakdown b = count.count(preset.config());
		assertThat(b.warnings()).noneMatch(w -> w.contains("heads × dHead"));
		// per layer 12 · 2,048² + 13 · 2,048 = 50,358,272; × 24 + 50,257 · 2,048 (tokens)
		// + 2,048 · 2,048 (positions) + 2 · 2,048 (final LayerNorm)
		assertThat(b.conventions().full()).isEqualTo(1_315_723_264L);
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
