package dev.factlab.jobs;

import dev.factlab.FactLabTest;

/**
 * The job lifecycle on the default database, H2 in PostgreSQL mode (in memory here; a
 * file under ./data in use).
 */
@FactLabTest
class H2JobLifecycleTests extends JobLifecycleContract {

}
