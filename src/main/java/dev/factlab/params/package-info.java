/**
 * Parameter accounting: exact counts of a transformer's parameters by component, under
 * named conventions ({@code matrices}, the lesson's; {@code full}; {@code kaplan}), in
 * pure {@code long} arithmetic.
 */
package dev.factlab.params;
