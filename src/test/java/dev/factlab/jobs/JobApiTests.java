package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.factlab.FactLabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The jobs endpoints over HTTP: shapes, every client mistake as a problem, cancellation
 * and the event stream.
 */
@FactLabTest
class JobApiTests {

	static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@AfterEach
	void cancelWhatIsLeft() {
		JobTesting.cancelAll(jobs);
	}

	@Test
	void aJobDescribesItselfWithProgressTimestampsAndLinks() throws Exception {
		UUID id = jobs.submit(CountJob.KIND, CountJob.Spec.quick(3), null).job().id();
		JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		mvc.perform(get("/api/v1/jobs/{id}", id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id.toString()))
			.andExpect(jsonPath("$.kind").value("count"))
			.andExpect(jsonPath("$.status").value("SUCCEEDED"))
			.andExpect(jsonPath("$.spec.steps").value(3))
			.andExpect(jsonPath("$.progress.fraction").value(1.0))
			.andExpect(jsonPath("$.progress.step").value("count"))
			.andExpect(jsonPath("$.progress.metrics.step").value(3))
			.andExpect(jsonPath("$.progress.message").value("counted 3"))
			.andExpect(jsonPath("$.createdAt").isString())
			.andExpect(jsonPath("$.startedAt").isString())
			.andExpect(jsonPath("$.finishedAt").isString())
			.andExpect(jsonPath("$.error").isEmpty())
			.andExpect(jsonPath("$.attempts").value(1))
			.andExpect(jsonPath("$.links.events").value("/api/v1/jobs/" + id + "/events"));
		mvc.perform(get("/api/v1/jobs/{id}/result", id))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.counted").value(3))
			.andExpect(jsonPath("$.attempt").value(1));
	}

	@Test
	void everyKindIsSubmittedAtItsOwnUrlWithIdempotencyKeys() throws Exception {
		String key = "http-" + UUID.randomUUID();
		String location = mvc
			.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", key)
				.content("{\"steps\": 2, \"stepMillis\": 1}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", startsWith("/api/v1/jobs/")))
			.andExpect(header().doesNotExist("Idempotent-Replayed"))
			.andExpect(jsonPath("$.kind").value("count"))
			.andExpect(jsonPath("$.spec.steps").value(2))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.content("{\"steps\": 2, \"stepMillis\": 1}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(header().string("Location", location))
			.andExpect(jsonPath("$.id").value(id.toString()));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.content("{\"steps\": 3, \"stepMillis\": 1}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.jobId").value(id.toString()));
		JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		assertThat(jobs.result(id, CountJob.Result.class)).isEqualTo(new CountJob.Result(2, 1));
	}

	@Test
	void badSubmissionsAreProblems() throws Exception {
		mvc.perform(post("/api/v1/jobs/count"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.detail", containsString("Cannot map `null` into type `int`")))
			.andExpect(jsonPath("$.detail", containsString("(at $.steps)")));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": 0, \"stepMillis\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("steps must be >= 1 but was 0"));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON).content("{\"steps\": 2,"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Malformed request body"))
			.andExpect(jsonPath("$.detail", containsString("at line 1, column")));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": 2, \"stepMillis\": 1, \"extra\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", startsWith("unknown field 'extra' at $; known fields:")));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.TEXT_PLAIN).content("steps=2"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(PROBLEM));
		mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": %d, \"stepMillis\": 1}".formatted(CountJob.MAX_STEPS + 1)))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.limit").value(CountJob.MAX_STEPS));
		mvc.perform(post("/api/v1/jobs/no-such-kind").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.allowed", hasItem("count")));
	}

	@Test
	void unknownAndMalformedIdsAreProblems() throws Exception {
		UUID unknown = UUID.randomUUID();
		mvc.perform(get("/api/v1/jobs/{id}", unknown))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.detail").value("no job has id " + unknown));
		mvc.perform(get("/api/v1/jobs/not-a-uuid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(PROBLEM));
		mvc.perform(delete("/api/v1/jobs/{id}", unknown)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/jobs/{id}/result", unknown))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM));
		mvc.perform(get("/api/v1/jobs/{id}/events", unknown).accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM));
		mvc.perform(get("/api/v1/jobs/{id}/artifacts/x.bin", unknown).accept(MediaType.APPLICATION_OCTET_STREAM))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM));
	}

	@Test
	void theListFiltersByStatusAndKindAndRefusesUnknownValues() throws Exception {
		UUID id = jobs.submit(CountJob.KIND, CountJob.Spec.quick(2), null).job().id();
		JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		mvc.perform(get("/api/v1/jobs").param("status", "succeeded").param("kind", "count").param("size", "100"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id", hasItem(id.toString())))
			.andExpect(jsonPath("$.items[*].status", everyItem(is("SUCCEEDED"))))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(100));
		mvc.perform(get("/api/v1/jobs").param("status", "DONE"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.detail")
				.value("status must be one of [QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED] but was 'DONE'"))
			.andExpect(jsonPath("$.allowed[0]").value("QUEUED"));
		mvc.perform(get("/api/v1/jobs").param("kind", "angles"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.allowed", hasItem("count")));
		mvc.perform(get("/api/v1/jobs").param("size", "101"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.limit").value(100))
			.andExpect(jsonPath("$.requested").value(101));
		mvc.perform(get("/api/v1/jobs").param("page", "-1")).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/jobs").param("size", "0")).andExpect(status().isBadRequest());
	}

	@Test
	void deleteCancelsQueuedAtOnceAndRunningWithinTwoSecondsAndRefusesEndedJobs() throws Exception {
		UUID running = jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null).job().id();
		JobTesting.awaitStatus(jobs, running, JobStatus.RUNNING, Duration.ofSeconds(20));
		UUID queued = jobs.submit(CountJob.KIND, CountJob.Spec.quick(2), null).job().id();

		mvc.perform(delete("/api/v1/jobs/{id}", queued))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
		long start = System.nanoTime();
		mvc.perform(delete("/api/v1/jobs/{id}", running))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.cancelRequested").value(true));
		JobTesting.awaitStatus(jobs, running, JobStatus.CANCELLED, Duration.ofSeconds(2));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

		mvc.perform(delete("/api/v1/jobs/{id}", running))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.jobStatus").value("CANCELLED"));
		mvc.perform(get("/api/v1/jobs/{id}/result", running))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.jobStatus").value("CANCELLED"))
			.andExpect(jsonPath("$.detail").value("job " + running + " has no result: it was CANCELLED"));
	}

	@Test
	void theEventStreamSendsProgressThenTheFinalStatusAndCloses() throws Exception {
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(8, 150, null, null), null).job().id();
		MvcResult stream = mvc.perform(get("/api/v1/jobs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(request().asyncStarted())
			.andReturn();
		await().atMost(Duration.ofSeconds(20)).until(() -> body(stream).contains("event:status"));
		List<String> events = events(body(stream));
		assertThat(events).last().isEqualTo("status");
		assertThat(events.subList(0, events.size() - 1)).hasSizeGreaterThanOrEqualTo(2).containsOnly("progress");
		assertThat(body(stream)).contains("\"status\":\"RUNNING\"").contains("\"status\":\"SUCCEEDED\"");
		assertThat(stream.getResponse().getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);

		MvcResult ended = mvc.perform(get("/api/v1/jobs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(request().asyncStarted())
			.andReturn();
		await().atMost(Duration.ofSeconds(5)).until(() -> body(ended).contains("event:status"));
		assertThat(events(body(ended))).containsExactly("status");
	}

	@Test
	void eventStreamsAreBoundedWith429AndRetryAfter() throws Exception {
		UUID id = jobs.submit(CountJob.KIND, CountJob.Spec.endless(), null).job().id();
		for (int i = 0; i < FactLabTest.MAX_EVENT_STREAMS; i++) {
			mvc.perform(get("/api/v1/jobs/{id}/events", id)).andExpect(request().asyncStarted());
		}
		mvc.perform(get("/api/v1/jobs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.limit").value(FactLabTest.MAX_EVENT_STREAMS))
			.andExpect(jsonPath("$.detail", startsWith("open job event streams (factlab.jobs.max-event-streams)")));
		jobs.cancel(id);
		JobTesting.awaitStatus(jobs, id, JobStatus.CANCELLED, Duration.ofSeconds(2));
		// the streams end with the job and give their places back
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> mvc.perform(get("/api/v1/jobs/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(request().asyncStarted()));
	}

	@Test
	void artifactsAreListedAndDownloadedWithTheirType() throws Exception {
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(1, 1, null, 1000), null).job().id();
		JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		mvc.perform(get("/api/v1/jobs/{id}/artifacts", id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value(CountJob.ARTIFACT))
			.andExpect(jsonPath("$[0].sizeBytes").value(1000))
			.andExpect(jsonPath("$[0].contentType").value("application/octet-stream"));
		byte[] bytes = mvc.perform(get("/api/v1/jobs/{id}/artifacts/{name}", id, CountJob.ARTIFACT))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
			.andExpect(header().string("Content-Disposition", containsString("counts.bin")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", startsWith("sandbox")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(bytes).hasSize(1000);
		assertThat(bytes[999]).isEqualTo((byte) (999 % 251));
		mvc.perform(get("/api/v1/jobs/{id}/artifacts/{name}", id, "missing.bin"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(PROBLEM))
			.andExpect(jsonPath("$.known[0]").value(CountJob.ARTIFACT));
	}

	private static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static List<String> events(String body) {
		List<String> names = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (line.startsWith("event:")) {
				names.add(line.substring("event:".length()).trim());
			}
		}
		return names;
	}

}
