package dev.factlab.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a kind's {@code POST /api/v1/jobs/{kind}} appears in the OpenAPI document: its
 * stable operationId (generated clients name their method after it), summary,
 * description, tag and request examples. The request schema comes from
 * {@link JobHandler#requestType()}; the responses (202 with Location, 400, 409, 413, 429)
 * are the same for every kind.
 *
 * @param operationId e.g. {@code submitAngleDistributionJob}; never change it once
 * published
 * @param examples request bodies, shown in Swagger UI
 */
public record JobEndpoint(String operationId, String summary, String description, String tag, List<Example> examples) {

	/** The tag of kinds that name none. */
	public static final String JOBS_TAG = "Jobs";

	/**
	 * A named request body.
	 *
	 * @param json the body, as JSON text
	 */
	public record Example(String name, String summary, String json) {
	}

	public JobEndpoint {
		Objects.requireNonNull(operationId, "operationId");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(tag, "tag");
		examples = List.copyOf(examples);
	}

	/**
	 * The defaults for {@code kind}: operationId {@code submit<Kind>Job} (e.g.
	 * {@code submitFactCapacityJob} for {@code fact-capacity}), a generic summary and
	 * description, tag {@value #JOBS_TAG}, no examples.
	 */
	public static JobEndpoint of(String kind) {
		return new JobEndpoint(operationId(kind), "Submit a %s job".formatted(kind),
				"Queues a job of kind %s. Answers 202 with Location; follow it with GET /api/v1/jobs/{id} or /events."
					.formatted(kind),
				JOBS_TAG, List.of());
	}

	/** {@code submit} + the kind in PascalCase + {@code Job}. */
	public static String operationId(String kind) {
		StringBuilder id = new StringBuilder("submit");
		for (String part : kind.split("-")) {
			if (!part.isEmpty()) {
				id.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
			}
		}
		return id.append("Job").toString();
	}

	public JobEndpoint describedAs(String summary, String description) {
		return new JobEndpoint(operationId, summary, description, tag, examples);
	}

	public JobEndpoint taggedAs(String tag) {
		return new JobEndpoint(operationId, summary, description, tag, examples);
	}

	public JobEndpoint withExample(String name, String summary, String json) {
		List<Example> more = new ArrayList<>(examples);
		more.add(new Example(name, summary, json));
		return new JobEndpoint(operationId, this.summary, description, tag, more);
	}

}
