package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away while a job runs, and comes back: the service on PostgreSQL
 * ({@value PostgresJobLifecycleTests#URL}) reaches it through a {@link TcpProxy} that the
 * test cuts (every connection dropped, new ones refused, as a stopped server does) and
 * restores. Calls that need the database answer 503 with Retry-After within
 * {@link #ANSWER_BUDGET}; calls that don't keep answering 200; readiness is DOWN while
 * liveness stays UP; the running job keeps computing and ends SUCCEEDED with the result
 * of an undisturbed run once the database is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { FactLabTest.FAST_HEARTBEAT, FactLabTest.FAST_POLLING })
@EnabledIfEnvironmentVariable(named = PostgresJobLifecycleTests.URL, matches = ".+")
class DatabaseOutageTests {

	/**
	 * The "within about 2 s" (the pool's connection-timeout), with room for load.
	 */
	static final Duration ANSWER_BUDGET = Duration.ofMillis(3500);

	static final Duration OUTAGE = Duration.ofSeconds(6);

	static TcpProxy proxy;

	@LocalServerPort
	int port;

	@Autowired
	Jobs jobs;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void throughProxy(DynamicPropertyRegistry registry) throws SQLException {
		PostgresJobLifecycleTests.freshSchema(registry, url -> {
			Matcher hostPort = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(url);
			if (!hostPort.find()) {
				throw new IllegalArgumentException("can't find host and port in " + url);
			}
			proxy = new TcpProxy(hostPort.group(1),
					hostPort.group(2) == null ? 5432 : Integer.parseInt(hostPort.group(2)));
			return url.substring(0, hostPort.start(1)) + "127.0.0.1:" + proxy.port()
					+ url.substring(hostPort.end() - 1);
		});
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@Test
	void aDatabaseOutageAnswers503FastAndTheRunningJobStillSucceeds() throws Exception {
		int steps = 300;
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(steps, 40, null, null), null).job().id();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> CountJob.computed.containsKey(id) && CountJob.computed.get(id).get() > 5);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

		proxy.cut();
		long cutAt = System.nanoTime();
		int countedAtCut = CountJob.computed.get(id).get();

		Timed read = timed(() -> get("/api/v1/jobs/" + id));
		assertUnavailable(read);
		Timed submit = timed(() -> post("/api/v1/jobs/count", "{\"steps\":3,\"stepMillis\":1}"));
		assertUnavailable(submit);
		Timed list = timed(() -> get("/api/v1/jobs"));
		assertUnavailable(list);

		assertThat(get("/api/v1/parameters/presets").statusCode()).as("a call that needs no database").isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).as("liveness").isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(
					() -> assertThat(get("/actuator/health/readiness").statusCode()).as("readiness").isEqualTo(503));

		Duration left = OUTAGE.minusNanos(System.nanoTime() - cutAt);
		if (!left.isNegative()) {
			Thread.sleep(left.toMillis());
		}
		assertThat(CountJob.computed.get(id).get()).as("the job kept computing while the database was away")
			.isGreaterThan(countedAtCut);
		proxy.restore();

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode())
				.as("readiness comes back by itself")
				.isEqualTo(200));
		JobView done = JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(60));
		assertThat(done.error()).isNull();
		CountJob.Result result = jobs.result(id, CountJob.Result.class);
		assertThat(result.counted()).as("the result of an undisturbed run").isEqualTo(steps);
		assertThat(get("/api/v1/jobs/" + id).statusCode()).isEqualTo(200);
	}

	private static void assertUnavailable(Timed call) {
		HttpResponse<String> response = call.response();
		assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(503);
		assertThat(call.took()).as("answered within the budget").isLessThan(ANSWER_BUDGET);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"title\":\"Database unavailable\"")
			.contains("\"status\":503")
			.contains("retry in 5 s");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Timed timed(Call call) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = call.send();
		return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
	}

	private interface Call {

		HttpResponse<String> send() throws Exception;

	}

	private record Timed(HttpResponse<String> response, Duration took) {
	}

}
