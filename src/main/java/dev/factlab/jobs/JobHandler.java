package dev.factlab.jobs;

import dev.factlab.errors.DomainException;

/**
 * One kind of job, registered as a Spring bean. Registering it is all a kind needs: its
 * endpoint {@code POST /api/v1/jobs/{kind}} (with Idempotency-Key, 202 and Location)
 * takes a {@link #requestType()} body and is documented in the OpenAPI from
 * {@link #endpoint()}. {@link Jobs#submit} validates a spec with {@link #validate} before
 * the job is stored; an instance's runner later calls {@link #run} with the spec read
 * back from JSON.
 * <p>
 * {@code run} must check {@link JobContext#checkCancelled()} often (at least every ~100
 * ms of work): that is how cancellation, the run-time limit and a graceful shutdown stop
 * the computation rather than only the bookkeeping. After an instance dies mid-run, the
 * job is started again from the beginning on another (or the restarted) instance, so
 * {@code run} must not rely on state of an earlier attempt.
 *
 * @param <S> the spec: a record that Jackson writes and reads back (its compact
 * constructor holds the invariants)
 * @param <R> the result, a record stored as JSON when the run returns and read back with
 * {@link Jobs#result}
 */
public interface JobHandler<S, R> {

	/**
	 * The kind's name in URLs and filters, e.g. {@code angle-distribution}: lower case
	 * letters, digits and '-'.
	 */
	String kind();

	/** The spec's class, for reading it back from the stored JSON. */
	Class<S> specType();

	/**
	 * What clients post to {@code /api/v1/jobs/{kind}}: the spec itself (the default), or
	 * a {@link JobRequest} record whose {@code toSpec()} resolves the fields a client may
	 * leave out. An empty body reads as {@code {}}.
	 */
	default Class<?> requestType() {
		return specType();
	}

	/** How the kind's endpoint is documented; {@link JobEndpoint#of} by default. */
	default JobEndpoint endpoint() {
		return JobEndpoint.of(kind());
	}

	/**
	 * Checks a spec against the kind's limits before the job is queued.
	 * @throws DomainException for a spec the client must change (invalid input, or over a
	 * limit)
	 */
	default void validate(S spec) {
	}

	/**
	 * Computes the result. Throw {@link JobCancelledException} (via
	 * {@link JobContext#checkCancelled()}) to stop; any other exception fails the job
	 * with its message, so make messages say what went wrong.
	 * @param spec the validated spec. Not modified.
	 * @param context progress, cancellation and artifacts of this run
	 */
	R run(S spec, JobContext context) throws Exception;

}
