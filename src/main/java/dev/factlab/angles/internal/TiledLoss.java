package dev.factlab.angles.internal;

import dev.factlab.tensor.RowBlocks;

import java.util.function.BooleanSupplier;

/**
 * A loss over the Gram matrix V Vᵀ, evaluated tile by tile with its gradient. The
 * gradient lands in per-lane copies ({@link #laneGradients()}, each [N, D], summed in
 * lane order by the optimiser, which zeroes them), scaled by {@link #gradientScale()}:
 * dloss/dV = gradientScale · Σ<sub>lanes</sub> laneGradient.
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

	/**
	 * Puts {@code v} back where the loss is defined: rows on the unit sphere for a loss
	 * of cosines; nothing for the lesson's. Called after every optimiser step (the run
	 * starts from unit rows).
	 * @param v [N, D]. Modified.
	 */
	void constrainInPlace(RowBlocks v);

	/** Frees the lane gradients. */
	@Override
	default void close() {
		for (RowBlocks gradient : laneGradients()) {
			gradient.close();
		}
	}

}
