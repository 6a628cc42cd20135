package dev.factlab.params;

import static dev.factlab.params.Component.BOTH;
import static dev.factlab.params.Component.FULL_ONLY;
import static dev.factlab.params.Component.MATRICES_ONLY;
import static java.lang.Math.multiplyExact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lists every tensor of a configuration with its exact size: embeddings, per-layer
 * attention and MLP weights and biases, norms, unembedding. Throws
 * {@link ArithmeticException} when a count overflows a {@code long}.
 */
final class ComponentTally {

	private ComponentTally() {
	}

	static List<Component> of(TransformerConfig c) {
		List<Component> parts = new ArrayList<>(24);
		long d = c.dModel();
		long vocabTable = multiplyExact((long) c.vocab(), d);
		parts.add(Component.once("token embedding", Category.EMBEDDING, shape(d, c.vocab()), vocabTable, BOTH, null));
		if (c.position() == PositionKind.LEARNED) {
			parts.add(Component.once("position embedding", Category.POSITION_EMBEDDING, shape(d, c.context()),
					multiplyExact((long) c.context(), d), FULL_ONLY, "learned positions; the lesson leaves them out"));
		}
		attention(c, parts);
		if (c.denseLayers() > 0) {
			mlp(c, parts, c.denseLayers(), 1, c.dFf(), "");
		}
		if (c.expertLayers() > 0) {
			MixtureOfExperts moe = c.moe();
			mlp(c, parts, c.expertLayers(), moe.experts(), moe.dFf(), " (experts)");
			parts.add(Component.perLayer("MLP router weights", Category.MLP, shape(moe.experts(), d),
					multiplyExact((long) moe.experts(), d), c.expertLayers(), BOTH));
		}
		long norm = multiplyExact((long) c.norm().vectors(), d);
		String normShape = c.norm().vectors() + " × " + shape(d);
		parts.add(Component.perLayer("norm before attention", Category.NORMS, normShape, norm, c.layers(), FULL_ONLY));
		parts.add(Component.perLayer("norm before MLP", Category.NORMS, normShape, norm, c.layers(), FULL_ONLY));
		parts.add(Component.once("final norm", Category.NORMS, normShape, norm, FULL_ONLY, null));
		parts.add(c.tiedEmbeddings()
				? Component.once("unembedding", Category.UNEMBEDDING, shape(c.vocab(), d), vocabTable, MATRICES_ONLY,
						"tied to the token embedding: counted only under matrices")
				: Component.once("unembedding", Category.UNEMBEDDING, shape(c.vocab(), d), vocabTable, BOTH, null));
		return parts;
	}

	private static void attention(TransformerConfig c, List<Component> parts) {
		long d = c.dModel();
		long width = c.attentionWidth();
		long kv = c.kvWidth();
		String q = "(%d × %d) × %s".formatted(c.heads(), c.dHead(), shape(d));
		String k = "(%d × %d) × %s".formatted(c.kvHeads(), c.dHead(), shape(d));
		parts.add(weights("attention query weights", Category.ATTENTION, q, width, d, c.layers()));
		parts.add(weights("attention key weights", Category.ATTENTION, k, kv, d, c.layers()));
		parts.add(weights("attention value weights (value-down)", Category.ATTENTION, k, kv, d, c.layers()));
		parts.add(weights("attention output weights (value-up)", Category.ATTENTION,
				shape(d) + " × (%d × %d)".formatted(c.heads(), c.dHead()), d, width, c.layers()));
		if (c.attentionBias()) {
			parts.add(bias("attention query bias", Category.ATTENTION, width, 1, c.layers()));
			parts.add(bias("attention key bias", Category.ATTENTION, kv, 1, c.layers()));
			parts.add(bias("attention value bias", Category.ATTENTION, kv, 1, c.layers()));
			parts.add(bias("attention output bias", Category.ATTENTION, d, 1, c.layers()));
		}
	}

	/** One dense MLP per layer ({@code experts == 1}) or {@code experts} of them. */
	private static void mlp(TransformerConfig c, List<Component> parts, int layers, int experts, long dFf,
			String suffix) {
		long d = c.dModel();
		String prefix = experts == 1 ? "" : experts + " × ";
		long upSize = multiplyExact(multiplyExact(dFf, d), experts);
		parts.add(new Component("MLP up weights" + suffix, Category.MLP, prefix + shape(dFf, d), upSize, layers,
				multiplyExact(upSize, layers), 0, BOTH, null));
		if (c.mlp() == MlpKind.GATED) {
			parts.add(new Component("MLP gate weights" + suffix, Category.MLP, prefix + shape(dFf, d), upSize, layers,
					multiplyExact(upSize, layers), 0, BOTH, null));
		}
		parts.add(new Component("MLP down weights" + suffix, Category.MLP, prefix + shape(d, dFf), upSize, layers,
				multiplyExact(upSize, layers), 0, BOTH, null));
		if (c.mlpBias()) {
			parts.add(bias("MLP up bias" + suffix, Category.MLP, dFf, experts, layers));
			if (c.mlp() == MlpKind.GATED) {
				parts.add(bias("MLP gate bias" + suffix, Category.MLP, dFf, experts, layers));
			}
			parts.add(bias("MLP down bias" + suffix, Category.MLP, d, experts, layers));
		}
	}

	private static Component weights(String name, Category category, String shape, long rows, long cols, int layers) {
		return Component.perLayer(name, category, shape, multiplyExact(rows, cols), layers, BOTH);
	}

	private static Component bias(String name, Category category, long size, int experts, int layers) {
		String shape = experts == 1 ? shape(size) : experts + " × " + shape(size);
		return Component.perLayer(name, category, shape, multiplyExact(size, experts), layers, FULL_ONLY);
	}

	static String shape(long n) {
		return String.format(Locale.US, "%,d", n);
	}

	static String shape(long rows, long cols) {
		return String.format(Locale.US, "%,d × %,d", rows, cols);
	}

}
