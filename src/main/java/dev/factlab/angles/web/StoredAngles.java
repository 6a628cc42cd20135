package dev.factlab.angles.web;

import java.util.UUID;

import dev.factlab.angles.AngleDistributionJob;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import dev.factlab.web.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a finished angle-distribution job's stored result for the charts, as JSON: the
 * charts need a few numbers and arrays of it, and reading the tree keeps them independent
 * of the result records' exact shape.
 */
@Component
class StoredAngles {

	private final Jobs jobs;

	private final ObjectMapper json;

	StoredAngles(Jobs jobs, ObjectMapper json) {
		this.jobs = jobs;
		this.json = json;
	}

	/**
	 * One stored histogram: {@code counts[k]} pairs in bin k of [from, to]; below and
	 * above outside it.
	 */
	record Histogram(int bins, double fromDegrees, double toDegrees, long[] counts, long below, long above) {

		double edge(int k) {
			return fromDegrees + k * (toDegrees - fromDegrees) / bins;
		}

		static Histogram of(JsonNode node) {
			JsonNode range = node.path("range");
			JsonNode counts = node.path("counts");
			long[] values = new long[counts.size()];
			for (int k = 0; k < values.length; k++) {
				values[k] = counts.get(k).asLong();
			}
			return new Histogram(range.path("bins").asInt(), range.path("fromDegrees").asDouble(),
					range.path("toDegrees").asDouble(), values, node.path("below").asLong(),
					node.path("above").asLong());
		}

	}

	/**
	 * The job's result tree. @throws ApiException 404 unknown or not an angle job, 409
	 * not SUCCEEDED
	 */
	JsonNode result(UUID id) {
		JobView job = jobs.find(id);
		if (!AngleDistributionJob.KIND.equals(job.kind())) {
			throw ApiException.notFound("Not an angle job",
					"job %s is a '%s' job, not '%s'".formatted(id, job.kind(), AngleDistributionJob.KIND));
		}
		return json.readTree(jobs.resultJson(id));
	}

}
