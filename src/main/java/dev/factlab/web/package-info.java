/**
 * Cross-cutting HTTP: RFC 9457 problem details, request limits, OpenAPI configuration and
 * the explorer page.
 */
package dev.factlab.web;
