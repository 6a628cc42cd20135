package dev.factlab.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings that are accepted but deserve a word, and conventions that mislead for a
 * configuration.
 */
final class ConfigWarnings {

	private ConfigWarnings() {
	}

	static List<String> of(TransformerConfig c) {
		List<String> warnings = new ArrayList<>(2);
		if (c.attentionWidth() != c.dModel()) {
			warnings.add(String.format(Locale.US,
					"heads × dHead = %d × %d = %,d differs from dModel = %,d; counted as configured: queries, keys and "
							+ "values project dModel to the head widths and the output projects %,d back to dModel",
					c.heads(), c.dHead(), c.attentionWidth(), c.dModel(), c.attentionWidth()));
		}
		boolean standard = c.mlp() == MlpKind.STANDARD && c.dFf() == 4L * c.dModel() && c.kvHeads() == c.heads()
				&& c.attentionWidth() == c.dModel() && c.moe() == null;
		if (!standard) {
			warnings.add("kaplan.approximation (12 · layers · dModel²) assumes a standard MLP with dFf = 4 · dModel, "
					+ "heads × dHead = dModel, no GQA and no experts; this configuration departs from that, so compare "
					+ "kaplan.exactNonEmbedding instead");
		}
		return warnings;
	}

}
