package dev.factlab.angles.internal;

import java.util.function.BooleanSupplier;

/**
 * A loss over the Gram matrix V Vᵀ, evaluated tile by tile with its gradient. The gradient lands in per-lane copies
 * ({@link #laneGradients()}, each [N, D], summed in lane order by the optimiser, which zeroes them), scaled by
 * {@link #gradientScale()}: dloss/dV = gradientScale · Σ<sub>lanes</sub> laneGradient.
 */
interface TiledLoss extends AutoCloseable {

	/**
	 * @param v [N, D]. Not modified.
	 * @return the loss at {@code v}; the lane gradients now hold its gradient
	 */
	double evaluate(RowBlocks v, BooleanSupplier cancel);

	/** The factor the summed lane gradients need, known only after the whole pass. */
	float gradientScale();

	/** [lanes], each [N, D]; zero before {@link #evaluate}. */
	RowBlocks[] laneGradients();

	/** What the loss needs after each optimiser step, e.g. rows back on the unit sphere. Modified: {@code v}. */
	void afterStepInPlace(RowBlocks v);

	/** Frees the lane gradients. */
	@Override
	default void close() {
		for (RowBlocks gradient : laneGradients()) {
			gradient.close();
		}
	}

}
