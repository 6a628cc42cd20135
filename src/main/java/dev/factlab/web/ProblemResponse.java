package dev.factlab.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents an error answer of an operation: {@code @ProblemResponse(status = 404,
 * description = "Unknown job")} puts a 404 with an application/problem+json
 * {@code Problem} body in the OpenAPI (and a Retry-After header for 429 and 503), in
 * place of a full {@code @ApiResponse} with its content.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	/**
	 * The 406 of an operation that takes no input: its only client error is an Accept
	 * header that allows no JSON.
	 */
	String NOT_ACCEPTABLE = "The Accept header allows no JSON; the problem itself is sent as application/problem+json";

	/** The HTTP status, 400 to 599. */
	int status();

	/** When it happens, e.g. "Unknown job". */
	String description();

	/** Holds repeated {@link ProblemResponse}s. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@interface List {

		ProblemResponse[] value();

	}

}
