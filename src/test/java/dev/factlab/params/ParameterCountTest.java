package dev.factlab.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.factlab.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Published counts and hand-computed cases, with the arithmetic written out. */
class ParameterCountTest {

	private final ParameterCount count = new ParameterCount();

	/**
	 * GPT-3 175B as in the lesson and REFERENCE.md: GPT-2 style, tied, learned positions,
	 * biases, LayerNorm.
	 */
	static TransformerConfig gpt3() {
		return new TransformerConfig(50257, 2048, 12288, 96, 96, 128, 96, 4 * 12288, MlpKind.STANDARD, true, true,
				NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
	}

	@Test
	void lessonWalkthroughOfGpt3UnderTheMatricesConvention() {
		LessonNumbers lesson = count.count(gpt3()).lesson();
		assertThat(lesson.dModel()).isEqualTo(12_288);
		assertThat(lesson.neurons()).isEqualTo(49_152);
		assertThat(lesson.perMlpMatrix()).isEqualTo(49_152L * 12_288).isEqualTo(603_979_776L);
		assertThat(lesson.perMlp()).isEqualTo(1_207_959_552L);
		assertThat(lesson.allMlps()).isEqualTo(96 * 1_207_959_552L).isEqualTo(115_964_116_992L);
		assertThat(lesson.mlpShare()).isCloseTo(2.0 / 3, within(0.01));
		assertThat(lesson.embedding()).isEqualTo(617_558_016L);
		assertThat(lesson.query()).isEqualTo(14_495_514_624L);
		assertThat(lesson.key()).isEqualTo(14_495_514_624L);
		assertThat(lesson.valueDown()).isEqualTo(14_495_514_624L);
		assertThat(lesson.valueUp()).isEqualTo(14_495_514_624L);
		assertThat(lesson.attentionPerLayer()).isEqualTo(603_979_776L);
		assertThat(lesson.attention()).isEqualTo(57_982_058_496L);
		assertThat(lesson.unembedding()).isEqualTo(617_558_016L);
		assertThat(lesson.total()).isEqualTo(175_181_291_520L);
		assertThat(lesson.weightMatrices()).isEqualTo(27_938);
	}

	@Test
	void gpt3CategoriesUnderTheMatricesConventionAddUpToTheLessonsTotal() {
		ParameterBreakdown b = count.count(gpt3());
		assertThat(b.conventions().matrices()).isEqualTo(175_181_291_520L);
		assertThat(b.category(Category.EMBEDDING).matrices()).isEqualTo(617_558_016L);
		assertThat(b.category(Category.ATTENTION).matrices()).isEqualTo(57_982_058_496L);
		assertThat(b.category(Category.MLP).matrices()).isEqualTo(115_964_116_992L);
		assertThat(b.category(Category.UNEMBEDDING).matrices()).isEqualTo(617_558_016L);
		assertThat(b.category(Category.NORMS).matrices()).isZero();
		assertThat(b.category(Category.POSITION_EMBEDDING).matrices()).isZero();
		assertThat(b.category(Category.MLP).matricesShare()).isCloseTo(0.662, within(0.0005));
	}

	@Test
	void gpt3FullWithTiedEmbeddings() {
		// per layer: 4·d² + 4d (attention) + 8·d² + 4d + d (MLP) + 2 · 2d (LayerNorms) =
		// 12·d² + 13d
		// = 1,811,939,328 + 159,744 = 1,812,099,072; × 96 = 173,961,510,912
		// + embedding 617,558,016 + positions 2048 · 12,288 = 25,165,824 + final
		// LayerNorm 24,576
		ParameterBreakdown b = count.count(gpt3());
		assertThat(b.conventions().full()).isEqualTo(174_604_259_328L);
		assertThat(b.category(Category.UNEMBEDDING).full()).isZero();
		assertThat(b.category(Category.POSITION_EMBEDDING).full()).isEqualTo(25_165_824L);
		assertThat(b.category(Category.NORMS).full()).isEqualTo(96 * 4 * 12_288L + 24_576);
	}

	@Test
	void gpt3KaplanFlopsAndBytes() {
		ParameterBreakdown b = count.count(gpt3());
		assertThat(b.conventions().kaplan().approximation()).isEqualTo(12L * 96 * 12_288 * 12_288)
			.isEqualTo(173_946_175_488L);
		// full less embedding and positions: 174,604,259,328 − 617,558,016 − 25,165,824
		assertThat(b.conventions().kaplan().exactNonEmbedding()).isEqualTo(173_961_535_488L);
		// N = matrices less the token embedding lookup: 175,181,291,520 − 617,558,016
		assertThat(b.flopsPerToken().n()).isEqualTo(174_563_733_504L);
		assertThat(b.flopsPerToken().inference()).isEqualTo(349_127_467_008L);
		assertThat(b.flopsPerToken().training()).isEqualTo(1_047_382_401_024L);
		assertThat(b.flopsPerToken().contextTerm()).isEqualTo(2L * 96 * 2048 * 12_288);
		assertThat(b.bytes().fp32()).isEqualTo(698_417_037_312L);
		assertThat(b.bytes().bf16()).isEqualTo(349_208_518_656L);
		assertThat(b.bytes().fp8()).isEqualTo(174_604_259_328L);
		assertThat(b.bytes().int4()).isEqualTo(87_302_129_664L);
		assertThat(b.warnings()).isEmpty();
	}

	@Test
	void gpt2SmallFull() {
		var config = new TransformerConfig(50257, 1024, 768, 12, 12, 64, 12, 3072, MlpKind.STANDARD, true, true,
				NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		assertThat(count.count(config).conventions().full()).isEqualTo(124_439_808L);
	}

	@Test
	void llama2SevenB() {
		// 2 · 32,000 · 4,096 (untied) + 32 · (4 · 4,096² + 3 · 4,096 · 11,008 + 2 ·
		// 4,096) + 4,096
		var config = new TransformerConfig(32000, 4096, 4096, 32, 32, 128, 32, 11008, MlpKind.GATED, false, false,
				NormKind.RMSNORM, PositionKind.NONE, false, null);
		ParameterBreakdown b = count.count(config);
		assertThat(b.conventions().full()).isEqualTo(6_738_415_616L);
		// untied, no biases, no positions: matrices = full − norms (32 · 8,192 + 4,096)
		assertThat(b.conventions().matrices()).isEqualTo(6_738_415_616L - 32 * 8192 - 4096);
		assertThat(b.lesson().matricesPerMlp()).isEqualTo(3);
		assertThat(b.lesson().perMlp()).isEqualTo(3L * 4096 * 11008);
	}

	@Test
	void llama3EightBWithGroupedQueryAttention() {
		// attention per layer: Q 4,096·4,096 + K, V 2 · 4,096·(8·128) + O 4,096·4,096 =
		// 41,943,040
		// MLP per layer: 3 · 4,096 · 14,336 = 176,160,768; norms 2 · 4,096
		// 32 · 218,112,000 + 4,096 + 2 · 128,256 · 4,096 = 8,030,261,248
		var config = new TransformerConfig(128256, 8192, 4096, 32, 32, 128, 8, 14336, MlpKind.GATED, false, false,
				NormKind.RMSNORM, PositionKind.NONE, false, null);
		ParameterBreakdown b = count.count(config);
		assertThat(b.conventions().full()).isEqualTo(8_030_261_248L);
		assertThat(b.lesson().attentionPerLayer()).isEqualTo(41_943_040L);
		assertThat(b.lesson().key()).isEqualTo(32L * 4096 * 1024);
		// 2 + 32 · (32 query + 8 key + 8 value-down + 1 output + 3 MLP)
		assertThat(b.weightMatrices().count()).isEqualTo(2 + 32 * 52);
		assertThat(b.warnings()).anyMatch(w -> w.contains("kaplan.approximation"));
	}

	@Test
	void multiQueryAttentionWithBiasesCountsKeyAndValueBiasesAtKvWidth() {
		// dModel 64, 8 heads of 8, 1 kv head: Q 64·64 + K 64·8 + V 64·8 + O 64·64 = 9,216
		// attention biases 64 + 8 + 8 + 64 = 144; MLP 2·64·256 = 32,768 and biases 256 +
		// 64 = 320
		// LayerNorms 2 · 2 · 64 = 256 → per layer 42,704, 2 layers 85,408
		// + embedding 1,000·64 = 64,000 (tied) + positions 128·64 = 8,192 + final norm
		// 128 = 157,728
		var config = new TransformerConfig(1000, 128, 64, 2, 8, 8, 1, 256, MlpKind.STANDARD, true, true,
				NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		ParameterBreakdown b = count.count(config);
		assertThat(b.conventions().full()).isEqualTo(157_728);
		// 64,000 + 2 · 9,216 + 2 · 32,768 + 64,000 (unembedding counted apart)
		assertThat(b.conventions().matrices()).isEqualTo(211_968);
		// 2 + 2 · (8 + 1 + 1 + 1) + 2 · 2
		assertThat(b.weightMatrices().count()).isEqualTo(28);
	}

	@Test
	void mixtralStyleMixtureOfExperts() {
		// per layer: attention 41,943,040 + 8 experts · 3 · 4,096 · 14,336 =
		// 1,409,286,144 + router 8 · 4,096
		// + norms 8,192 = 1,451,270,144; × 32 + final 4,096 + 2 · 32,000 · 4,096 =
		// 46,702,792,704
		// active: less 6 unrouted experts · 176,160,768 · 32 layers = 33,822,867,456 →
		// 12,879,925,248
		var moe = new MixtureOfExperts(8, 2, 0, 1, 14336);
		var config = new TransformerConfig(32000, 32768, 4096, 32, 32, 128, 8, 14336, MlpKind.GATED, false, false,
				NormKind.RMSNORM, PositionKind.NONE, false, moe);
		ParameterBreakdown b = count.count(config);
		assertThat(b.conventions().full()).isEqualTo(46_702_792_704L);
		assertThat(b.moe().total()).isEqualTo(46_702_792_704L);
		assertThat(b.moe().active()).isEqualTo(12_879_925_248L);
		assertThat(b.moe().expertLayers()).isEqualTo(32);
	}

	@Test
	void mixtureOnSomeLayersWithItsOwnExpertWidth() {
		// 5 layers, first dense, then every 2nd: layers 1 and 3 hold 4 experts of dFf 16;
		// layers 0, 2, 4 dense dFf 32
		// attention 5 · 4 · 8 · 8 = 1,280; dense MLP 3 · 3 · 32 · 8 = 2,304; experts 2 ·
		// 4 · 3 · 16 · 8 = 3,072
		// routers 2 · 4 · 8 = 64; RMSNorms 5 · 2 · 8 + 8 = 88; untied embeddings 2 · 100
		// · 8 = 1,600 → 8,408
		var moe = new MixtureOfExperts(4, 1, 1, 2, 16);
		var config = new TransformerConfig(100, 16, 8, 5, 2, 4, 2, 32, MlpKind.GATED, false, false, NormKind.RMSNORM,
				PositionKind.NONE, false, moe);
		ParameterBreakdown b = count.count(config);
		assertThat(b.conventions().full()).isEqualTo(8_408);
		assertThat(b.conventions().matrices()).isEqualTo(8_408 - 88);
		assertThat(b.moe().expertLayers()).isEqualTo(2);
		// unrouted: 3 experts · 3 · 16 · 8 · 2 layers = 2,304
		assertThat(b.moe().active()).isEqualTo(8_408 - 2_304);
		// N = 8,320 − 800 (embedding lookup) − 2,304
		assertThat(b.flopsPerToken().n()).isEqualTo(5_216);
		// 2 + 5 · 7 (attention) + 3 · 3 (dense MLP) + 2 · (4 · 3 + 1)
		assertThat(b.weightMatrices().count()).isEqualTo(72);
	}

	@Test
	void componentsAddUpAndTheirSharesToOne() {
		ParameterBreakdown b = count.count(gpt3());
		long full = b.components().stream().filter(c -> c.countedIn(Convention.FULL)).mapToLong(Component::total).sum();
		long matrices = b.components()
			.stream()
			.filter(c -> c.countedIn(Convention.MATRICES))
			.mapToLong(Component::total)
			.sum();
		assertThat(full).isEqualTo(b.conventions().full());
		assertThat(matrices).isEqualTo(b.conventions().matrices());
		assertThat(b.components().stream().mapToDouble(Component::share).sum()).isCloseTo(1.0, within(1e-9));
		Component unembedding = b.components().stream().filter(c -> c.name().equals("unembedding")).findFirst().get();
		assertThat(unembedding.countedIn()).containsExactly(Convention.MATRICES);
		assertThat(unembedding.share()).isZero();
	}

	@Test
	void attentionWiderThanDModelIsCountedAsConfiguredWithAWarning() {
		// GPT-3 XL as printed: 24 heads × 128 = 3,072 ≠ 2,048; Q, K, V 2,048 × 3,072 and
		// O 3,072 × 2,048
		var config = new TransformerConfig(50257, 2048, 2048, 24, 24, 128, 24, 8192, MlpKind.STANDARD, true, true,
				NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		ParameterBreakdown b = count.count(config);
		assertThat(b.lesson().attentionPerLayer()).isEqualTo(4L * 2048 * 3072);
		assertThat(b.warnings()).anyMatch(w -> w.contains("24 × 128 = 3,072") && w.contains("dModel = 2,048"));
	}

	@Test
	void oddFullCountRoundsInt4BytesUp() {
		var config = new TransformerConfig(3, 1, 1, 1, 1, 1, 1, 1, MlpKind.STANDARD, false, false, NormKind.RMSNORM,
				PositionKind.NONE, true, null);
		// embedding 3 + Q, K, V, O 4 + up, down 2 + norms 2 + final 1 = 12; with one more
		// vocab entry 13
		var odd = new TransformerConfig(4, 1, 1, 1, 1, 1, 1, 1, MlpKind.STANDARD, false, false, NormKind.RMSNORM,
				PositionKind.NONE, true, null);
		assertThat(count.count(config).bytes().int4()).isEqualTo(6);
		assertThat(count.count(odd).bytes().parameters()).isEqualTo(13);
		assertThat(count.count(odd).bytes().int4()).isEqualTo(7);
	}

	@Test
	void overflowIsABadRequestNamingTheConfiguration() {
		// query weights alone: 1,000,000 · (100,000 · 1,000,000) · 10,000 layers = 10^21
		// > 9.2 · 10^18
		var config = new TransformerConfig(50257, 2048, 1_000_000, 10_000, 100_000, 1_000_000, 100_000, 4_000_000,
				MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null);
		assertThatThrownBy(() -> count.count(config)).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			assertThat(ex.getMessage()).contains("dModel=1000000", "layers=10000", "heads=100000", "dHead=1000000");
		});
	}

}
