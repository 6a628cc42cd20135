package dev.factlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml as shipped: builds the image from the Dockerfile and starts
 * PostgreSQL and two instances sharing it; both become ready, a job submitted to one is
 * read from the other, and its parameters endpoint answers on both. Where no Docker
 * engine runs the test is skipped with a message that says so (the compose file is then
 * only checked by {@code docker-compose config}).
 */
class DeploymentTests {

	static final Duration STARTUP = Duration.ofMinutes(15);

	@Test
	void composeRunsTwoHealthyInstancesThatShareTheJobs() throws Exception {
		assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
				"No Docker engine here: the image build and the two-instance docker-compose deployment are NOT "
						+ "checked (run this test where Docker runs)");
		try (ComposeContainer compose = new ComposeContainer(new File("docker-compose.yml")).withBuild(true)
			.withExposedService("factlab-1", 8080,
					Wait.forHttp("/actuator/health/readiness").forStatusCode(200).withStartupTimeout(STARTUP))
			.withExposedService("factlab-2", 8080,
					Wait.forHttp("/actuator/health/readiness").forStatusCode(200).withStartupTimeout(STARTUP))) {
			compose.start();
			String one = "http://" + compose.getServiceHost("factlab-1", 8080) + ":"
					+ compose.getServicePort("factlab-1", 8080);
			String two = "http://" + compose.getServiceHost("factlab-2", 8080) + ":"
					+ compose.getServicePort("factlab-2", 8080);
			HttpClient http = HttpClient.newHttpClient();

			HttpResponse<String> submitted = http
				.send(HttpRequest.newBuilder(URI.create(one + "/api/v1/jobs/angle-distribution"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"vectors\": 50, \"dimensions\": 5, \"steps\": 2}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
			Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(submitted.body());
			assertThat(id.find()).isTrue();

			HttpResponse<String> elsewhere = http.send(
					HttpRequest.newBuilder(URI.create(two + "/api/v1/jobs/" + id.group(1))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(elsewhere.statusCode()).as("the other instance answers for the job").isEqualTo(200);
			assertThat(elsewhere.body()).contains(id.group(1));
			for (String instance : new String[] { one, two }) {
				assertThat(http
					.send(HttpRequest.newBuilder(URI.create(instance + "/api/v1/parameters/presets")).build(),
							HttpResponse.BodyHandlers.ofString())
					.statusCode()).isEqualTo(200);
			}
		}
	}

}
