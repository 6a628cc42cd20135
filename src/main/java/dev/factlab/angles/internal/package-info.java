/**
 * The angle experiment's ND4J kernels: the Gram matrix in tiles (J ≥ I, one GEMM per tile
 * shared by both halves), fused elementwise passes, the lanes that run them in parallel,
 * and torch's Adam. Private to the angles module.
 */
package dev.factlab.angles.internal;
