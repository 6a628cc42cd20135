package dev.factlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.factlab.ServedAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every answer is a problem, also those Tomcat gives before Spring sees the request: each
 * test writes exactly the bytes of a bad request to a real socket and reads the answer
 * back raw, so nothing between the test and the server can fix the request up.
 */
@ServedAppTest
class ContainerProblemTests {

	static final String PROBLEM = "application/problem+json";

	@LocalServerPort
	int port;

	@Test
	void headersLargerThanTheConnectorTakes() throws IOException {
		Answer answer = send("GET /api/v1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(70_000)
				+ "\r\nConnection: close\r\n\r\n");
		answer.isProblem(400)
			.detailContains("The request line and headers together are larger than this server accepts "
					+ "(server.max-http-request-header-size, 65,536 bytes)");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "GET /api/v1 HTTP/1.1 extra|400|Invalid character found in the HTTP protocol",
			"GET /api/v1/{x} HTTP/1.1|400|Invalid character found in the request target",
			"GET /api/v1/%00 HTTP/1.1|400|Invalid URI", "GET /api/v1 HTTP/9.9|505|HTTP Version not supported",
			"FOO /api/v1 HTTP/1.1|405|Method 'FOO' is not supported",
			"G(T /api/v1 HTTP/1.1|400|Invalid character found in method name [G(T ]. HTTP method names must be tokens",
			"TRACE /api/v1 HTTP/1.1|405|TRACE method is not allowed" })
	void aMalformedRequestLineOrAnUnknownMethod(String requestLine, int status, String detail) throws IOException {
		send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").isProblem(status).detailContains(detail);
	}

	@Test
	void aLongRequestLineReachesTheApiAndAnOverlongOneIsRefusedByTomcat() throws IOException {
		String status = "x".repeat(10_000);
		send("GET /api/v1/jobs?status=" + status + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.isProblem(400)
			.detailContains("status must be one of [QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED] but was '" + status);
		send("GET /api/v1/jobs?status=" + "x".repeat(70_000)
				+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.isProblem(400)
			.detailContains("server.max-http-request-header-size");
	}

	@Test
	void bodiesTooLargeForTheConnectorOrTheApi() throws IOException {
		byte[] form = ("a=" + "b".repeat(3_000_000)).getBytes(StandardCharsets.US_ASCII);
		send("POST /api/v1/jobs/angle-distribution HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length
				+ "\r\nConnection: close\r\n\r\n", form)
			.isProblem(413)
			.detailContains("server.tomcat.max-http-form-post-size");
		long declared = 100L * 1024 * 1024;
		Answer tooLarge = send("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + declared + "\r\nConnection: close\r\n\r\n", "{}".getBytes());
		tooLarge.isProblem(413).detailContains("request body (factlab.web.max-request-bytes)");
		assertThat(tooLarge.json().path("limit").asLong()).isEqualTo(64L * 1024 * 1024);
		assertThat(tooLarge.json().path("requested").asLong()).isEqualTo(declared);
	}

	@Test
	void aLongRequestLineWithABodyIsAnsweredNotReset() throws IOException {
		byte[] body = new byte[10_000_000];
		Arrays.fill(body, (byte) ' ');
		body[0] = 'x';
		Answer answer = send("POST /api/v1/jobs/angle-distribution?note=" + "n".repeat(10_000)
				+ " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n", body);
		answer.isProblem(400).detailContains("The request body is not valid JSON for this operation");
	}

	@Test
	void neverHtmlWhateverTheClientAccepts() throws IOException {
		send("GET /no/such/page HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
			.isProblem(404);
		send("GET /error HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n").isProblem(404)
			.detailContains("No endpoint GET /error");
	}

	private Answer send(String head) throws IOException {
		return send(head, new byte[0]);
	}

	/**
	 * Writes the bytes as they are, then reads one answer: its head, then the body its
	 * Content-Length or chunks say (or up to the close).
	 */
	private Answer send(String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return Answer.read(socket.getInputStream());
		}
	}

	record Answer(int status, Map<String, String> headers, String body) {

		static Answer read(InputStream in) throws IOException {
			String[] lines = head(in).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			byte[] body;
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = chunks(in);
			}
			else if (headers.containsKey("content-length")) {
				body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else {
				body = in.readAllBytes();
			}
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
					new String(body, StandardCharsets.UTF_8));
		}

		/** The status line and headers, up to the empty line. */
		static String head(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
				int c = in.read();
				if (c < 0) {
					throw new IOException("the server closed the connection after " + head);
				}
				head.append((char) c);
			}
			return head.substring(0, head.length() - 4);
		}

		static byte[] chunks(InputStream in) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			while (true) {
				StringBuilder size = new StringBuilder();
				for (int c = in.read(); c != '\n'; c = in.read()) {
					if (c < 0) {
						throw new IOException("chunked body ended early");
					}
					if (c != '\r') {
						size.append((char) c);
					}
				}
				int length = Integer.parseInt(size.toString().trim(), 16);
				if (length == 0) {
					return out.toByteArray();
				}
				out.write(in.readNBytes(length));
				in.skipNBytes(2);
			}
		}

		JsonNode json() {
			return new ObjectMapper().readTree(body);
		}

		Answer isProblem(int expected) {
			assertThat(status).as("status of %s", this).isEqualTo(expected);
			assertThat(headers.get("content-type")).as("content type of %s", this).startsWith(PROBLEM);
			assertThat(body).doesNotContainIgnoringCase("<html");
			JsonNode problem = json();
			assertThat(problem.path("status").asInt()).isEqualTo(expected);
			assertThat(problem.path("title").asString()).isNotBlank();
			assertThat(problem.path("detail").asString()).isNotBlank();
			return this;
		}

		Answer detailContains(String text) {
			assertThat(json().path("detail").asString()).contains(text);
			return this;
		}

	}

}
