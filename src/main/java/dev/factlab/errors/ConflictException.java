package dev.factlab.errors;

/**
 * The request clashes with the state of a resource: a taken id, a built-in that can't be
 * deleted, a job that already ended (HTTP 409).
 */
public class ConflictException extends DomainException {

	public ConflictException(String title, String detail) {
		super(title, detail);
	}

}
