package dev.factlab.errors;

/** A value in the request is invalid or the request can't be read (HTTP 400). */
public class InvalidInputException extends DomainException {

	public InvalidInputException(String title, String detail) {
		super(title, detail);
	}

}
