package dev.factlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import factlab.client.ApiClient;
import factlab.client.ApiException;
import factlab.client.ApiResponse;
import factlab.client.api.AnglesApi;
import factlab.client.api.JobsApi;
import factlab.client.api.MlpBlockApi;
import factlab.client.api.ParametersApi;
import factlab.client.model.AngleJobRequest;
import factlab.client.model.Feature;
import factlab.client.model.ForwardRequest;
import factlab.client.model.ForwardResponse;
import factlab.client.model.JobView;
import factlab.client.model.PresetBreakdown;
import factlab.client.model.Problem;
import factlab.client.model.TokenResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the running app with the Java client that openapi-generator builds from
 * api/openapi.yaml (target/generated-test-sources/factlab-client, package
 * {@code factlab.client}), the way another service would: if the contract stops
 * describing what the app does, this fails to compile or to pass.
 */
@ServedAppTest
class GeneratedClientTests {

	private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

	@LocalServerPort
	int port;

	private ApiClient client;

	@BeforeEach
	void pointTheClientAtTheApp() {
		client = new ApiClient().setScheme("http").setHost("localhost").setPort(port);
	}

	@Test
	void theLessonsForwardPassOnMichaelJordan() throws Exception {
		ForwardRequest request = new ForwardRequest()
			.tokens(List.of(Map.of("first:Michael", 1, "last:Jordan", 1), Map.of("first:Michael", 1, "last:Phelps", 1)))
			.include(List.of(ForwardRequest.IncludeEnum.ACTIVATIONS, ForwardRequest.IncludeEnum.RESIDUAL));

		ForwardResponse response = new MlpBlockApi(client).forward("michael-jordan", request);

		TokenResult jordan = response.getTokens().get(0);
		TokenResult phelps = response.getTokens().get(1);
		// The lesson: neuron 0 asks "Michael AND Jordan?" (1 + 1 − 1 bias = 1 through
		// ReLU) and adds basketball.
		assertThat(jordan.getActivations().get(0)).isEqualTo(1f);
		assertThat(feature(jordan, "sport:basketball")).isEqualTo(1f);
		assertThat(phelps.getActivations().get(0)).isEqualTo(0f);
		assertThat(feature(phelps, "sport:basketball")).isEqualTo(0f);
	}

	@Test
	void aPreset() throws Exception {
		PresetBreakdown gpt3 = new ParametersApi(client).one("gpt3-175b");

		assertThat(gpt3.getPreset().getName()).isEqualTo("gpt3-175b");
		// GPT-3 175B: d_model 12,288 and 4 × 12,288 = 49,152 neurons per MLP (Brown et
		// al. 2020, Table 2.1).
		assertThat(gpt3.getBreakdown().getLesson().getNeurons()).isEqualTo(49_152L);
		assertThat(gpt3.getBreakdown().getLesson().getPerMlpMatrix()).isEqualTo(49_152L * 12_288);
	}

	@Test
	void aSmallAngleJobFollowedToItsResult() throws Exception {
		AngleJobRequest spec = new AngleJobRequest().vectors(200).dimensions(10).steps(20).seed(7L);

		ApiResponse<JobView> submitted = new AnglesApi(client).submitAngleDistributionJobWithHttpInfo(null, spec);

		assertThat(submitted.getStatusCode()).isEqualTo(202);
		UUID id = submitted.getData().getId();
		assertThat(header(submitted.getHeaders(), "Location")).endsWith("/api/v1/jobs/" + id);
		JobsApi jobs = new JobsApi(client);
		JobView finished = awaitTheEnd(jobs, id);
		assertThat(finished.getStatus()).isEqualTo(JobView.StatusEnum.SUCCEEDED);
		@SuppressWarnings("unchecked")
		Map<String, Object> result = (Map<String, Object>) jobs.getJobResult(id);
		@SuppressWarnings("unchecked")
		Map<String, Object> before = (Map<String, Object>) result.get("before");
		assertThat(((Number) before.get("pairs")).longValue()).as("200 choose 2").isEqualTo(200L * 199 / 2);
		assertThat((List<?>) result.get("lossCurve")).hasSize(20);
	}

	@Test
	void aBadRequestsProblemIsDecoded() throws Exception {
		ForwardRequest wrongWidth = new ForwardRequest().tokens(List.of(List.of(1, 0, 1)));

		ApiException failure = catchThrowableOfType(ApiException.class,
				() -> new MlpBlockApi(client).forward("michael-jordan", wrongWidth));

		assertThat(failure.getCode()).isEqualTo(400);
		assertThat(failure.getResponseHeaders().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		Problem problem = client.getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).contains("12").contains("3");
		assertThat(problem.getInstance()).isEqualTo("/api/v1/models/michael-jordan/forward");
	}

	private static float feature(TokenResult token, String name) {
		return token.getFeatures()
			.stream()
			.filter(feature -> feature.getName().equals(name))
			.map(Feature::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no feature " + name + " in " + token));
	}

	private static String header(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter(header -> header.getKey().equalsIgnoreCase(name))
			.map(header -> header.getValue().get(0))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " header in " + headers));
	}

	/** Polls the job until it leaves QUEUED and RUNNING, or fails past the deadline. */
	private static JobView awaitTheEnd(JobsApi jobs, UUID id) throws Exception {
		Instant deadline = Instant.now().plus(JOB_DEADLINE);
		while (true) {
			JobView job = jobs.getJob(id);
			if (job.getStatus() != JobView.StatusEnum.QUEUED && job.getStatus() != JobView.StatusEnum.RUNNING) {
				return job;
			}
			assertThat(Instant.now()).as("job %s still %s", id, job.getStatus()).isBefore(deadline);
			Thread.sleep(100);
		}
	}

}
