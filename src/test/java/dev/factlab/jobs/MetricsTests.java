package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.factlab.FactLabTest;
import dev.factlab.jobs.internal.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What Prometheus scrapes from /actuator/prometheus after a forward pass and a small job:
 * request timers by URI template, job durations by kind and outcome, the job queue's
 * depth, the memory budget (equal to what /api/v1/models reports) and ND4J's off-heap
 * bytes; and the job id on the log lines of a job's run.
 */
@FactLabTest
class MetricsTests {

	static final String FORWARD = """
			{"tokens": [{"first:Michael": 1, "last:Jordan": 1}]}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Value("${logging.pattern.level}")
	String levelPattern;

	final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void noJobLeftRunning() {
		JobTesting.cancelAll(jobs);
	}

	@Test
	void requestTimersAreTaggedWithTheUriTemplateNotThePath() throws Exception {
		mvc.perform(
				post("/api/v1/models/michael-jordan/forward").contentType(MediaType.APPLICATION_JSON).content(FORWARD))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/models/no-such-model/neurons/0")).andExpect(status().isNotFound());

		Scrape scrape = scrape();
		assertThat(scrape.value("http_server_requests_seconds_count",
				Map.of("method", "POST", "uri", "/api/v1/models/{id}/forward", "status", "200", "outcome", "SUCCESS")))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("http_server_requests_seconds_count",
				Map.of("method", "GET", "uri", "/api/v1/models/{id}/neurons/{index}", "status", "404")))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.text()).doesNotContain("uri=\"/api/v1/models/michael-jordan", "no-such-model");
	}

	@Test
	void aFinishedJobIsTimedByKindAndOutcome() throws Exception {
		double before = scrape().valueOrZero("factlab_jobs_duration_seconds_count",
				Map.of("kind", CountJob.KIND, "outcome", "SUCCEEDED"));
		double failedBefore = scrape().valueOrZero("factlab_jobs_duration_seconds_count",
				Map.of("kind", CountJob.KIND, "outcome", "FAILED"));
		long started = System.nanoTime();
		UUID ok = submit("{\"steps\": 3, \"stepMillis\": 20}");
		UUID failing = submit("{\"steps\": 3, \"stepMillis\": 1, \"failAtStep\": 2}");
		JobView succeeded = JobTesting.awaitStatus(jobs, ok, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
		JobTesting.awaitStatus(jobs, failing, JobStatus.FAILED, Duration.ofSeconds(20));
		double elapsed = (System.nanoTime() - started) / 1e9;

		Scrape scrape = scrape();
		Map<String, String> succeededTags = Map.of("kind", CountJob.KIND, "outcome", "SUCCEEDED");
		assertThat(scrape.value("factlab_jobs_duration_seconds_count", succeededTags)).isEqualTo(before + 1);
		assertThat(
				scrape.value("factlab_jobs_duration_seconds_count", Map.of("kind", CountJob.KIND, "outcome", "FAILED")))
			.isEqualTo(failedBefore + 1);
		// three steps of 20 ms at least, and no longer than the test waited
		double longest = scrape.value("factlab_jobs_duration_seconds_max", succeededTags);
		assertThat(longest).isGreaterThanOrEqualTo(0.060).isLessThanOrEqualTo(elapsed);
		assertThat(Duration.between(succeeded.startedAt(), succeeded.finishedAt()).toMillis())
			.isGreaterThanOrEqualTo(60);
	}

	@Test
	void theQueueDepthGaugeCountsRunningJobsWithoutWaitingForTheDatabase() throws Exception {
		UUID endless = submit("{\"steps\": 1000000, \"stepMillis\": 10}");
		JobTesting.awaitStatus(jobs, endless, JobStatus.RUNNING, Duration.ofSeconds(20));
		long running = jobs.list("RUNNING", null, 0, 1).total();
		long queued = jobs.list("QUEUED", null, 0, 1).total();
		// the gauges count in the background at most every 5 s: a scrape shows the new
		// count soon after
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Scrape scrape = scrape();
			assertThat(scrape.value("factlab_jobs_queue", Map.of("status", "RUNNING"))).isEqualTo(running);
			assertThat(scrape.value("factlab_jobs_queue", Map.of("status", "QUEUED"))).isEqualTo(queued);
			assertThat(scrape.value("factlab_jobs_queue_age_seconds", Map.of())).isBetween(0.0, 6.0);
		});
	}

	@Test
	void memoryGaugesEqualWhatTheModelListReports() throws Exception {
		mvc.perform(
				post("/api/v1/models/michael-jordan/forward").contentType(MediaType.APPLICATION_JSON).content(FORWARD))
			.andExpect(status().isOk());
		JsonNode process = json
			.readTree(mvc.perform(get("/api/v1/models"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("memory")
			.get("process");
		Scrape scrape = scrape();

		assertThat(scrape.value("factlab_memory_capacity_bytes", Map.of()))
			.isEqualTo(process.get("capacityBytes").asDouble());
		List<String> uses = new ArrayList<>(process.get("byUse").propertyNames());
		assertThat(uses).isNotEmpty();
		double models = 0;
		for (String use : uses) {
			assertThat(scrape.value("factlab_memory_used_bytes", Map.of("use", use))).as(use)
				.isEqualTo(process.get("byUse").get(use).asDouble());
			models += process.get("byUse").get(use).asDouble();
		}
		assertThat(models).isEqualTo(process.get("usedBytes").asDouble());
		// JavaCPP's own count (ND4J's buffers aren't in it) stays under its ceiling; the
		// resident memory
		// holds at least the budgeted ND4J data and the heap in use
		double ceiling = scrape.value("factlab_offheap_ceiling_bytes", Map.of());
		assertThat(process.get("capacityBytes").asDouble()).isLessThan(ceiling);
		assertThat(scrape.value("factlab_offheap_allocated_bytes", Map.of())).isBetween(0.0, ceiling);
		assertThat(scrape.value("factlab_offheap_physical_bytes", Map.of()))
			.isGreaterThan(process.get("usedBytes").asDouble())
			.isGreaterThan(scrape.value("factlab_offheap_allocated_bytes", Map.of()));
	}

	@Test
	void everyLogLineOfAJobsRunCarriesItsId() throws Exception {
		Logger runner = (Logger) LoggerFactory.getLogger(JobRunner.class);
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		runner.addAppender(lines);
		try {
			UUID id = submit("{\"steps\": 2, \"stepMillis\": 1}");
			JobTesting.awaitStatus(jobs, id, JobStatus.SUCCEEDED, Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> List.copyOf(lines.list)
					.stream()
					.anyMatch(line -> line.getFormattedMessage().contains(id + " (count) SUCCEEDED")));
			List<ILoggingEvent> ofThisJob = List.copyOf(lines.list)
				.stream()
				.filter(line -> line.getFormattedMessage().contains(id.toString()))
				.toList();
			assertThat(ofThisJob).hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("jobId", id.toString()));

			// the configured pattern (logging.pattern.level) prints it
			PatternLayout layout = new PatternLayout();
			layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
			layout.setPattern(levelPattern + " %m");
			layout.start();
			assertThat(layout.doLayout(ofThisJob.get(0))).startsWith(" INFO [" + id + "] Job " + id);
		}
		finally {
			runner.detachAppender(lines);
		}
	}

	private UUID submit(String spec) throws Exception {
		String body = mvc.perform(post("/api/v1/jobs/count").contentType(MediaType.APPLICATION_JSON).content(spec))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(json.readTree(body).get("id").asString());
	}

	private Scrape scrape() throws Exception {
		return Scrape.parse(mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** Prometheus' text format, one sample a line: {@code name{k="v",...} value}. */
	record Scrape(String text, List<Sample> samples) {

		private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");

		private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

		record Sample(String name, Map<String, String> labels, double value) {
		}

		static Scrape parse(String text) {
			List<Sample> samples = new ArrayList<>();
			for (String line : text.split("\n")) {
				Matcher m = LINE.matcher(line);
				if (line.startsWith("#") || !m.matches()) {
					continue;
				}
				Map<String, String> labels = new LinkedHashMap<>();
				if (m.group(2) != null) {
					Matcher label = LABEL.matcher(m.group(2));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
			}
			return new Scrape(text, samples);
		}

		/** The one sample of this name whose labels include these (summed if several). */
		double value(String name, Map<String, String> labels) {
			List<Sample> found = matching(name, labels);
			assertThat(found).as("%s%s in the scrape", name, labels).isNotEmpty();
			return found.stream().mapToDouble(Sample::value).sum();
		}

		double valueOrZero(String name, Map<String, String> labels) {
			return matching(name, labels).stream().mapToDouble(Sample::value).sum();
		}

		private List<Sample> matching(String name, Map<String, String> labels) {
			return samples.stream()
				.filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
				.toList();
		}

	}

}
