/**
 * Facts written into MLP weights: named feature directions (feature spaces), fact models
 * compiled one neuron per fact into ordinary models of the mlp module, queries and edits
 * of their facts, and the fact-capacity job that counts how many facts fit in D
 * dimensions.
 */
package dev.factlab.facts;
