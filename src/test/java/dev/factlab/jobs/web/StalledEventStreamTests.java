package dev.factlab.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import dev.factlab.FactLabTest;
import dev.factlab.jobs.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A client that opens a job's event stream and never reads it must not delay anyone
 * else's stream: with the server's socket send buffer made small, the stalled stream's
 * write blocks within seconds; meanwhile a second stream on the same job receives an
 * event at least every {@link #MAX_GAP} (the job changes on every poll). Both streams
 * share one database read per poll.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { FactLabTest.IN_MEMORY_DATABASE, FactLabTest.FAST_POLLING,
				"spring.datasource.url=jdbc:h2:mem:factlab-sse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" })
class StalledEventStreamTests {

	static final Duration MAX_GAP = Duration.ofMillis(1500);

	static final Duration WATCH = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	Jobs jobs;

	@Autowired
	JobEventStreams streams;

	Socket stalled;

	UUID job;

	@TestConfiguration
	static class SmallSendBuffers {

		/**
		 * So that a client that doesn't read blocks the server's writes after a few KB.
		 */
		@Bean
		TomcatConnectorCustomizer smallSendBuffer() {
			return connector -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

	@AfterEach
	void cleanUp() throws Exception {
		if (stalled != null) {
			stalled.close();
		}
		if (job != null) {
			jobs.cancel(job);
		}
	}

	@Test
	void aClientThatNeverReadsDelaysNoOtherStream() throws Exception {
		HttpResponse<String> submitted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/count"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"steps\":1000000,\"stepMillis\":5}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(submitted.body());
		assertThat(id.find()).isTrue();
		job = UUID.fromString(id.group(1));
		stalled = new Socket();
		stalled.setReceiveBufferSize(1024);
		stalled.connect(new InetSocketAddress("127.0.0.1", port));
		OutputStream request = stalled.getOutputStream();
		request.write(("GET /api/v1/jobs/" + job + "/events HTTP/1.1\r\nHost: localhost\r\n"
				+ "Accept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		request.flush();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.alias("the stalled client's stream to block on a write")
			.until(() -> streams.stalledStreams(Duration.ofSeconds(1)) == 1);

		long readsBefore = streams.reads();
		List<Long> arrivals = new ArrayList<>();
		HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + job + "/events"))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		long start = System.nanoTime();
		try (BufferedReader events = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while (System.nanoTime() - start < WATCH.toNanos() && (line = events.readLine()) != null) {
				if (line.startsWith("event:")) {
					arrivals.add(System.nanoTime());
				}
			}
		}
		long watched = System.nanoTime() - start;
		assertThat(streams.stalledStreams(Duration.ofSeconds(1))).as("the stalled stream is still blocked")
			.isEqualTo(1);

		assertThat(arrivals).as("events on the healthy stream").hasSizeGreaterThanOrEqualTo(5);
		long previous = start;
		for (long arrival : arrivals) {
			assertThat(Duration.ofNanos(arrival - previous)).as("gap between events").isLessThan(MAX_GAP);
			previous = arrival;
		}
		long polls = watched / JobEventStreams.POLL.toNanos();
		assertThat(streams.reads() - readsBefore).as("one shared read per poll for both streams, over %d polls", polls)
			.isLessThanOrEqualTo(polls + 2);
	}

}
