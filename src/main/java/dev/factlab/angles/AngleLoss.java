package dev.factlab.angles;

/** What the angle optimiser minimises over the rows of V [vectors, dimensions]. */
public enum AngleLoss {

	/**
	 * The lesson's loss, exactly as in 3b1b's {@code almost_orthogonal.py}:
	 * {@code sum(relu(|V Vᵀ − I| − cutoff)) + N · sum(diag(V Vᵀ − I)²)}, summed over all
	 * N² entries of the Gram matrix, rows normalised once before the first step and never
	 * again. Every pair outside ±cutoff pulls with the same force, however far out it is,
	 * so the bulk moves to 90° while a few pairs give up and collapse to nearly parallel
	 * or opposite.
	 */
	LESSON,

	/**
	 * Aimed at the worst pair: a smooth maximum of |cos| over the unordered pairs, the
	 * ℓ<sub>q</sub> norm {@code (Σ_{i<j} |v_i · v_j|^q)^(1/q)}, with the rows kept on the
	 * unit sphere (normalised before the first step and after every step), so
	 * {@code v_i · v_j} is the cosine, and its gradient taken along the sphere. It is at
	 * least the largest |cos| and approaches it as q grows; its gradient weighs each pair
	 * by {@code |cos|^(q−1)}, so the worst pairs are pushed hardest and no pair is ever
	 * rewarded for collapsing.
	 */
	SMOOTH_MAX_COSINE

}
