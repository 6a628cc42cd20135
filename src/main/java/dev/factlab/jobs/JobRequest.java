package dev.factlab.jobs;

import dev.factlab.errors.InvalidInputException;

/**
 * A kind's request body as clients post it, when it differs from the stored spec: the
 * fields a client may leave out, resolved by {@link #toSpec()} so the stored spec says
 * exactly what ran. A kind whose clients post the spec itself needs none.
 *
 * @param <S> the kind's spec
 */
public interface JobRequest<S> {

	/**
	 * The spec with every default resolved.
	 * @throws InvalidInputException for a value the spec can't take
	 */
	S toSpec();

}
