/** HTTP adapters of the facts module: feature spaces, fact models, capacity charts. */
package dev.factlab.facts.web;
