/**
 * The numeric facade and the one owner of native state: float32 matrices, the affine map
 * {@code x·Wᵀ + b}, activations, tiled Gram products
 * ({@link dev.factlab.tensor.RowBlocks}, {@link dev.factlab.tensor.TileBuffer}), the BLAS
 * thread lease ({@link dev.factlab.tensor.BlasThreads}), the memory budget
 * ({@link dev.factlab.tensor.MemoryBudget}) and ND4J's start-up. ND4J never leaks out of
 * this module (ArchitectureTests); callers see {@link dev.factlab.tensor.FloatMatrix}.
 * Small products run in a plain Java kernel (ND4J costs ≈ 40 µs per call here), large
 * ones in one ND4J GEMM; the tests check both against each other and against a plain
 * reference.
 */
package dev.factlab.tensor;
