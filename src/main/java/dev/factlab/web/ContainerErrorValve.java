package dev.factlab.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.factlab.errors.DomainException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, as a problem instead of an HTML page: for errors that never
 * reached the application (the request line or headers could not be parsed, no context
 * took the request) and for any error response still empty when it leaves the host.
 */
class ContainerErrorValve extends ErrorReportValve {

	static final String HEADER_SIZE_KEY = "server.max-http-request-header-size";

	private final ProblemWriter problems;

	ContainerErrorValve(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemDetail problem = problem(request, status, response.getMessage(), throwable);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(problems.json(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away
		}
	}

	private static ProblemDetail problem(Request request, int status, String message, Throwable throwable) {
		DomainException domain = DomainProblems.find(throwable);
		if (domain != null) {
			return DomainProblems.toProblem(domain);
		}
		if (status == 500) {
			return DomainProblems.internalError();
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		String cause = throwable != null && throwable.getMessage() != null ? throwable.getMessage() : message;
		String detail;
		if (cause != null && cause.startsWith("Request header is too large")) {
			detail = "The request line and headers together are larger than this server accepts (%s, %,d bytes)"
				.formatted(HEADER_SIZE_KEY, maxHeaderBytes(request));
		}
		else if (cause != null && !cause.isBlank()) {
			detail = cause;
		}
		else {
			detail = "The server could not process the request (%d %s)".formatted(status, title);
		}
		ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(status), title, detail);
		return Problems.at(problem, request.getRequestURI());
	}

	private static int maxHeaderBytes(Request request) {
		if (request.getConnector() != null
				&& request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
			return http.getMaxHttpRequestHeaderSize();
		}
		return -1;
	}

}
