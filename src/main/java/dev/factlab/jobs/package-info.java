/**
 * Long-running jobs: a {@code jobs} resource (status, progress, result, artifacts,
 * events) stored in the database and executed by db-scheduler, which claims work,
 * heartbeats it and re-runs the jobs of a dead instance. Knows nothing of any feature.
 * <p>
 * <b>Adding a job kind</b> takes one bean, a {@link dev.factlab.jobs.JobHandler}, and its
 * records; nothing in this module changes:
 * <ol>
 * <li>a spec record (what runs, every default resolved; stored as JSON and read back with
 * {@code specType()}), with its invariants in the compact constructor, throwing
 * {@code dev.factlab.errors.InvalidInputException};</li>
 * <li>optionally a request record implementing {@link dev.factlab.jobs.JobRequest},
 * returned by {@code requestType()}, when clients may leave fields out: its
 * {@code toSpec()} resolves them (without one, clients post the spec itself);</li>
 * <li>{@code validate(spec)} checks the module's limits record and throws
 * {@code LimitExceededException};</li>
 * <li>{@code run(spec, context)} returns a result record, which clients read at
 * {@code GET /api/v1/jobs/{id}/result} and code reads back typed with
 * {@link dev.factlab.jobs.Jobs#result};</li>
 * <li>{@code endpoint()} returns a {@link dev.factlab.jobs.JobEndpoint}: summary,
 * description, tag and examples for the OpenAPI; its operationId
 * ({@code submit<Kind>Job}) must never change once published.</li>
 * </ol>
 * The kind then has {@code POST /api/v1/jobs/<kind>} (202 with Location, Idempotency-Key,
 * 400/409/413/415/429 problems), its OpenAPI operation and request schema, and a place in
 * every job endpoint's filters. Regenerate api/openapi.yaml afterwards.
 */
package dev.factlab.jobs;
