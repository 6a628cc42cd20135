/**
 * The MLP block of the lesson: models (the built-in "michael-jordan" toy, explicit
 * weights, random init up to GPT-3's size), forward passes over token sequences with
 * every intermediate, neuron activations and what each neuron reads and writes. Shapes
 * follow the lesson: {@code W_up [neurons, dModel]} (row i is the question neuron i
 * asks), {@code W_down [dModel, neurons]} (column i is what neuron i adds).
 */
package dev.factlab.mlp;
