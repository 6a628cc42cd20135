package dev.factlab.params.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import dev.factlab.params.Convention;
import dev.factlab.params.MlpKind;
import dev.factlab.params.NormKind;
import dev.factlab.params.ParameterBreakdown;
import dev.factlab.params.ParameterCount;
import dev.factlab.params.PositionKind;
import dev.factlab.params.TransformerConfig;

class BreakdownChartTest {

	private static ParameterBreakdown gpt2Small() {
		return new ParameterCount().count(new TransformerConfig(50257, 1024, 768, 12, 12, 64, 12, 3072,
				MlpKind.STANDARD, true, true, NormKind.LAYERNORM, PositionKind.LEARNED, true, null));
	}

	@Test
	void escapesMarkupAndWritesNonAsciiAsCharacterReferences() {
		assertThat(BreakdownChart.escape("<a href=\"x\">Tom & Jerry's</a>"))
			.isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
		assertThat(BreakdownChart.escape("d × d · 𝛼")).isEqualTo("d &#215; d &#183; &#120572;");
		assertThat(BreakdownChart.escape("bell\u0007 and \uD800 lone")).isEqualTo("bell and  lone");
	}

	@Test
	void hostileTitleStaysText() throws Exception {
		String svg = BreakdownChart.render("</text><script>alert(1)</script> ×", gpt2Small(), Convention.FULL);
		assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
		var document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.US_ASCII)));
		assertThat(document.getElementsByTagName("script").getLength()).isZero();
		assertThat(svg.chars().allMatch(c -> c < 128)).isTrue();
	}

	@Test
	void fullChartOfGpt2SmallLabelsEveryCategoryWithItsShare() {
		ParameterBreakdown b = gpt2Small();
		String svg = BreakdownChart.render("GPT-2 small", b, Convention.FULL);
		// embedding 50,257 · 768 = 38,597,376 of 124,439,808 = 31.0%
		assertThat(svg)
			.contains("GPT-2 small: 124,439,808 parameters", "Embedding 38,597,376 (31.0%)",
					"Position embedding 786,432 (0.6%)", "Attention ", "MLP ", "Norms ")
			.doesNotContain("Unembedding");
	}

	@Test
	void tinySharesAreNotRoundedToZero() {
		assertThat(BreakdownChart.percent(0.00014)).isEqualTo("<0.1%");
		assertThat(BreakdownChart.percent(0)).isEqualTo("0.0%");
		assertThat(BreakdownChart.percent(0.662)).isEqualTo("66.2%");
	}

}
