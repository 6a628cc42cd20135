/** HTTP endpoints of parameter accounting: counts, presets and SVG charts. */
package dev.factlab.params.web;
