/**
 * Superposition, measured: pairwise-angle statistics of many vectors in few dimensions,
 * the lesson's optimiser that pushes them towards perpendicular, and the bounds that say
 * how far any optimiser can get.
 */
package dev.factlab.angles;
