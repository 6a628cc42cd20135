package dev.factlab.errors;

/** The addressed resource does not exist (HTTP 404). */
public class NotFoundException extends DomainException {

	public NotFoundException(String title, String detail) {
		super(title, detail);
	}

}
