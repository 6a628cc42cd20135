/** Fact Lab: each direct sub-package is one Spring Modulith module. */
package dev.factlab;
