/**
 * The numeric facade: float32 matrices, the affine map {@code x·Wᵀ + b}, activations and
 * ND4J's start-up. ND4J never leaks out of this module; callers see
 * {@link dev.factlab.tensor.FloatMatrix}. Small products run in a plain Java kernel (ND4J
 * costs ≈ 40 µs per call here), large ones in one ND4J GEMM; the tests check both against
 * each other and against a plain reference.
 */
package dev.factlab.tensor;
