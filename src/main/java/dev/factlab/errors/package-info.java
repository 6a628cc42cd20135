/**
 * What domain code throws when a request can't be served: plain Java, no HTTP. The web
 * module renders each kind as an RFC 9457 problem in one place (invalid input 400, not
 * found 404, conflict 409, over a limit 413, retry later 429, unavailable 503).
 */
package dev.factlab.errors;
