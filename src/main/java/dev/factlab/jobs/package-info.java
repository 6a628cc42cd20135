/**
 * Long-running jobs: a {@code jobs} resource (status, progress, result, artifacts,
 * events) stored in the database and executed by db-scheduler, which claims work,
 * heartbeats it and re-runs the jobs of a dead instance. Knows nothing of any feature: a
 * feature registers a {@link dev.factlab.jobs.JobHandler} bean for its kind and submits
 * through {@link dev.factlab.jobs.Jobs}.
 */
package dev.factlab.jobs;
