package dev.factlab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.factlab.jobs.internal.JobArtifacts;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Artifact downloads stream from the database (H2 and PostgreSQL): the bytes of an
 * artifact near {@code factlab.jobs.max-artifact-bytes} arrive identical to what the job
 * saved (byte i = i mod 251, {@link CountJob}), while no thread serving the request
 * allocates anything near the artifact's size. Allocations are seen through JDK Flight
 * Recorder's allocation events (every new TLAB and every allocation outside one, with its
 * size and thread): the largest single allocation of the serving threads stays a few
 * chunks, where the former whole-array download allocated at least the artifact's size at
 * once.
 */
abstract class ArtifactStreamingContract {

	/** What a serving thread may allocate at once: four chunks. */
	static final long MAX_SINGLE_ALLOCATION = 4L * JobArtifacts.CHUNK_BYTES;

	@Autowired
	Jobs jobs;

	@Autowired
	JobLimits limits;

	@Autowired
	JobArtifacts artifacts;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void anArtifactNearTheLimitStreamsIdenticalBytesWithBoundedAllocation() throws Exception {
		int size = Math.toIntExact(limits.maxArtifactBytes().toBytes() - 1001);
		UUID id = savedArtifact(size);

		Path jfr = Files.createTempFile("artifact-download", ".jfr");
		long received;
		HttpResponse<InputStream> response;
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ObjectAllocationInNewTLAB");
			recording.enable("jdk.ObjectAllocationOutsideTLAB");
			recording.start();
			response = http.send(download(id).build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				received = compareWithReference(body, 0);
			}
			recording.stop();
			recording.dump(jfr);
		}
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(size);
		assertThat(received).isEqualTo(size);

		Map<String, long[]> byThread = allocationsOfServingThreads(jfr);
		Files.delete(jfr);
		assertThat(byThread).as("allocation events of the threads that served the download").isNotEmpty();
		long largest = byThread.values().stream().mapToLong(a -> a[1]).max().orElseThrow();
		long total = byThread.values().stream().mapToLong(a -> a[0]).sum();
		System.out.printf(
				"artifact download of %,d bytes: serving threads %s allocated %,d bytes in all "
						+ "(%.2f × the artifact), the largest single allocation %,d bytes%n",
				size, byThread.keySet(), total, (double) total / size, largest);
		assertThat(largest).as("largest single allocation of a serving thread, against an artifact of %,d bytes", size)
			.isLessThan(MAX_SINGLE_ALLOCATION);
	}

	@Test
	void headAnswersTheLengthAndARangeAnswersThatPart() throws Exception {
		int size = 3 * JobArtifacts.CHUNK_BYTES + 777;
		UUID id = savedArtifact(size);

		HttpResponse<byte[]> head = http.send(download(id).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(size);
		assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(head.body()).isEmpty();

		// across the boundary of chunks 0 and 1, then the tail
		long from = JobArtifacts.CHUNK_BYTES - 5;
		long to = JobArtifacts.CHUNK_BYTES + 10;
		HttpResponse<InputStream> part = http.send(download(id).header("Range", "bytes=" + from + "-" + to).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes " + from + "-" + to + "/" + size);
		try (InputStream body = part.body()) {
			assertThat(compareWithReference(body, from)).isEqualTo(to - from + 1);
		}
		HttpResponse<InputStream> tail = http.send(download(id).header("Range", "bytes=-100").build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(tail.statusCode()).isEqualTo(206);
		try (InputStream body = tail.body()) {
			assertThat(compareWithReference(body, size - 100)).isEqualTo(100);
		}

		HttpResponse<String> outside = http.send(
				download(id).header("Range", "bytes=" + size + "-" + (size + 10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(outside.statusCode()).isEqualTo(416);
		assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
		assertThat(outside.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(outside.body()).contains("\"status\":416")
			.contains("does not fit an artifact of %,d bytes".formatted(size));
		HttpResponse<String> malformed = http.send(download(id).header("Range", "bytes=x-1").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(malformed.statusCode()).isEqualTo(416);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(malformed.body()).contains("Range 'bytes=x-1' does not fit");
	}

	@Test
	void aDownloadOfAnArtifactReplacedMeanwhileFailsInsteadOfMixingTwoFiles() throws Exception {
		int size = 2 * JobArtifacts.CHUNK_BYTES + 1;
		UUID id = savedArtifact(size);
		JobArtifacts.Stored stored = artifacts.find(id, CountJob.ARTIFACT).orElseThrow();
		try (InputStream in = artifacts.open(stored)) {
			assertThat(in.readNBytes(10)).hasSize(10);
			artifacts.save(id, CountJob.ARTIFACT, "application/octet-stream", new byte[size], Instant.now());
			assertThatThrownBy(() -> in.readNBytes(size)).isInstanceOf(IOException.class)
				.hasMessageContaining("replaced or deleted while it was read");
		}
		// the replacement is what is served now
		JobArtifacts.Stored now = artifacts.find(id, CountJob.ARTIFACT).orElseThrow();
		assertThat(now.id()).isNotEqualTo(stored.id());
		assertThat(artifacts.readAll(now)).isEqualTo(new byte[size]);
	}

	@Test
	void emptyAndOneChunkArtifactsAreServedWhole() throws Exception {
		for (int size : new int[] { 0, 1, JobArtifacts.CHUNK_BYTES - 1, JobArtifacts.CHUNK_BYTES,
				JobArtifacts.CHUNK_BYTES + 1 }) {
			UUID id = savedArtifact(size);
			HttpResponse<InputStream> response = http.send(download(id).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(size);
			try (InputStream body = response.body()) {
				assertThat(compareWithReference(body, 0)).as("bytes of a %d-byte artifact", size).isEqualTo(size);
			}
		}
	}

	private UUID savedArtifact(int size) {
		UUID id = jobs.submit(CountJob.KIND, new CountJob.Spec(1, 1, null, size), null).job().id();
		JobTesting.awaitSuccess(jobs, id, Duration.ofSeconds(120));
		return id;
	}

	private HttpRequest.Builder download(UUID id) {
		return HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + port + "/api/v1/jobs/" + id + "/artifacts/" + CountJob.ARTIFACT))
			.timeout(Duration.ofSeconds(120));
	}

	/**
	 * Reads the stream to its end, asserting byte i (from {@code offset}) is
	 * {@code (offset + i) mod 251}, as CountJob wrote it; returns how many bytes came.
	 */
	private static long compareWithReference(InputStream in, long offset) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long position = offset;
		for (int n; (n = in.read(buffer)) >= 0;) {
			for (int i = 0; i < n; i++, position++) {
				if (buffer[i] != (byte) (position % 251)) {
					throw new AssertionError("byte %,d is %d but the job wrote %d".formatted(position, buffer[i],
							(byte) (position % 251)));
				}
			}
		}
		return position - offset;
	}

	/**
	 * Per Tomcat worker thread ({@code http-nio-...-exec-N}, the threads that serve
	 * requests): bytes allocated (new TLABs plus allocations outside them), and the
	 * largest single allocation.
	 */
	private static Map<String, long[]> allocationsOfServingThreads(Path jfr) throws IOException {
		Map<String, long[]> byThread = new HashMap<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			if (event.getThread() == null || event.getThread().getJavaName() == null
					|| !event.getThread().getJavaName().contains("-exec-")) {
				continue;
			}
			long[] sums = byThread.computeIfAbsent(event.getThread().getJavaName(), name -> new long[2]);
			long allocation = event.getLong("allocationSize");
			boolean inNewTlab = event.getEventType().getName().equals("jdk.ObjectAllocationInNewTLAB");
			sums[0] += inNewTlab ? event.getLong("tlabSize") : allocation;
			sums[1] = Math.max(sums[1], allocation);
		}
		return byThread;
	}

}
