package dev.factlab.transformers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.jobs.JobPage;
import dev.factlab.jobs.JobStatus;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;
import dev.factlab.transformers.internal.ExampleArtifact;
import dev.factlab.transformers.internal.TopActivations;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Reads neuron examples back from finished neuron-examples jobs. A job's artifact is
 * decoded once and kept for the {@code factlab.transformers.example-cache-jobs} most
 * recently read jobs (a finished job's artifact never changes); the job itself is looked
 * up on every read, so a deleted job is gone at once.
 */
@Service
public class StoredNeuronExamples {

	/** Pages of finished jobs searched for the latest shipped-corpus run. */
	static final int SEARCH_PAGES = 10;

	private final Jobs jobs;

	private final Transformers transformers;

	private final TransformerLimits limits;

	private final JsonMapper json;

	private final Map<UUID, ExampleArtifact> decoded;

	StoredNeuronExamples(Jobs jobs, Transformers transformers, TransformerLimits limits, JsonMapper json) {
		this.jobs = jobs;
		this.transformers = transformers;
		this.limits = limits;
		this.json = json;
		int capacity = limits.exampleCacheJobs();
		this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, ExampleArtifact> eldest) {
				return size() > capacity;
			}
		};
	}

	/**
	 * @param context word pieces around each example, or null for the job's own
	 * @throws NotFoundException unknown job, not a neuron-examples job, layer or neuron
	 * out of range
	 * @throws ConflictException unless the job SUCCEEDED
	 * @throws InvalidInputException context out of range
	 */
	public NeuronExamples examples(UUID jobId, int layer, int neuron, Integer context) {
		JobView job = jobs.find(jobId);
		if (!NeuronExamplesJob.KIND.equals(job.kind())) {
			throw new NotFoundException("Not a neuron-examples job",
					"job %s is a '%s' job, not '%s'".formatted(jobId, job.kind(), NeuronExamplesJob.KIND));
		}
		if (job.status() != JobStatus.SUCCEEDED) {
			String why = switch (job.status()) {
				case FAILED -> "it FAILED: " + job.error().message();
				case CANCELLED -> "it was CANCELLED";
				default ->
					"it is %s; they exist once it SUCCEEDED (watch %s)".formatted(job.status(), job.links().events());
			};
			throw new ConflictException("No neuron examples", "job %s has no neuron examples: %s".formatted(jobId, why))
				.with("jobStatus", job.status().name());
		}
		return examples(jobId, artifact(jobId), layer, neuron, context);
	}

	/**
	 * The examples of the most recent SUCCEEDED neuron-examples job of {@code model} on
	 * the shipped corpus.
	 * @throws NotFoundException unknown transformer, no such job, layer or neuron out of
	 * range
	 */
	public NeuronExamples latestShipped(String model, int layer, int neuron, Integer context) {
		if (!transformers.ids().contains(model)) {
			throw new NotFoundException("Unknown transformer",
					"no transformer with id '%s'; known: %s".formatted(model, transformers.ids()))
				.with("known", transformers.ids());
		}
		UUID latest = latestShippedJob(model);
		if (latest == null) {
			throw new NotFoundException("No neuron examples",
					("no SUCCEEDED %s job of %s on the shipped corpus; start one with POST %s/%s and the body "
							+ "{\"model\": \"%s\"} (it takes a few seconds)")
						.formatted(NeuronExamplesJob.KIND, model, Jobs.PATH, NeuronExamplesJob.KIND, model))
				.with("kind", NeuronExamplesJob.KIND);
		}
		return examples(latest, layer, neuron, context);
	}

	private UUID latestShippedJob(String model) {
		for (int page = 0; page < SEARCH_PAGES; page++) {
			JobPage jobsPage = jobs.list(JobStatus.SUCCEEDED.name(), NeuronExamplesJob.KIND, page, 100);
			for (JobView job : jobsPage.items()) {
				NeuronExamplesSpec spec = json.readValue(job.spec(), NeuronExamplesSpec.class);
				if (spec.model().equals(model) && NeuronCorpus.SHIPPED.equals(spec.corpus())) {
					return job.id();
				}
			}
			if (jobsPage.items().size() < 100) {
				break;
			}
		}
		return null;
	}

	private ExampleArtifact artifact(UUID jobId) {
		synchronized (decoded) {
			ExampleArtifact cached = decoded.get(jobId);
			if (cached != null) {
				return cached;
			}
		}
		ExampleArtifact artifact = ExampleArtifact.decode(jobs.artifact(jobId, ExampleArtifact.NAME).bytes());
		synchronized (decoded) {
			decoded.put(jobId, artifact);
		}
		return artifact;
	}

	private NeuronExamples examples(UUID jobId, ExampleArtifact artifact, int layer, int neuron, Integer context) {
		if (layer < 0 || layer >= artifact.layers()) {
			throw new NotFoundException("Unknown layer", "layer %d does not exist: %s has layers 0 to %d"
				.formatted(layer, artifact.model(), artifact.layers() - 1));
		}
		if (neuron < 0 || neuron >= artifact.neurons()) {
			throw new NotFoundException("Unknown neuron", "neuron %d does not exist: layer %d of %s has neurons 0 to %d"
				.formatted(neuron, layer, artifact.model(), artifact.neurons() - 1));
		}
		int around = context == null ? artifact.context() : context;
		if (around < 0 || around > limits.maxExampleContext()) {
			throw new InvalidInputException("Invalid context",
					"context must be between 0 and %d word pieces (factlab.transformers.max-example-context) but was %d"
						.formatted(limits.maxExampleContext(), around));
		}
		List<NeuronExamples.Example> examples = new ArrayList<>();
		for (TopActivations.Entry e : artifact.examples(layer, neuron)) {
			List<String> pieces = artifact.pieces().get(e.sentence());
			int t = e.token();
			examples.add(new NeuronExamples.Example(e.value(), e.sentence(), t, pieces.get(t),
					pieces.subList(Math.max(0, t - around), t),
					pieces.subList(t + 1, Math.min(pieces.size(), t + 1 + around)),
					artifact.texts().get(e.sentence())));
		}
		return new NeuronExamples(jobId, artifact.model(), layer, neuron, List.copyOf(examples));
	}

}
