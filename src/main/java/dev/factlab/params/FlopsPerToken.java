package dev.factlab.params;

import static java.lang.Math.multiplyExact;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The usual per-token compute estimates: a forward pass does one multiply and one add per
 * weight it multiplies by (≈ 2N), training adds the backward pass (≈ 6N). N here is every
 * weight a token's forward pass multiplies by: the {@code matrices} count less the token
 * embedding (a lookup, not a product) and less the experts a token is not routed to; the
 * unembedding stays in even when tied, because its product is computed.
 */
@Schema(description = "FLOPs per token, estimated from N")
public record FlopsPerToken(@Schema(description = "N, see basis", example = "174563733504") long n,
		@Schema(description = "Which N and why",
				example = "matrices count less the token embedding lookup and unrouted experts") String basis,
		@Schema(description = "≈ 2N: forward pass", example = "349127467008") long inference,
		@Schema(description = "≈ 6N: forward and backward pass", example = "1047382401024") long training,
		@Schema(description = "Not included above: Kaplan's attention-over-context term, 2 · layers · context · heads · dHead, "
				+ "per token at full context", example = "4831838208") long contextTerm) {

	static FlopsPerToken of(long n, TransformerConfig c) {
		long context = multiplyExact(multiplyExact(2L * c.layers(), c.context()), c.attentionWidth());
		return new FlopsPerToken(n,
				"every weight a token's forward pass multiplies by: the matrices count less the token embedding (a lookup) "
						+ "and less the experts a token is not routed to; the unembedding stays in even when tied; biases "
						+ "and norms are left out (negligible)",
				multiplyExact(n, 2), multiplyExact(n, 6), context);
	}

}
