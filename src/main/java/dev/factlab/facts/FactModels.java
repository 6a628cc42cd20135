package dev.factlab.facts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.mlp.MichaelJordan;
import dev.factlab.mlp.MlpModel;
import dev.factlab.mlp.MlpWeights;
import dev.factlab.mlp.ModelCatalog;
import dev.factlab.tensor.Activation;

import org.springframework.stereotype.Service;

/**
 * Fact models: compiled into ordinary models of the {@link ModelCatalog} (so forward,
 * activations and neuron endpoints work on them), with their facts kept here for queries
 * and edits. Edits of one model run one at a time.
 */
@Service
public class FactModels {

	private final Map<String, FactSet> sets = new ConcurrentHashMap<>();

	private final ModelCatalog catalog;

	private final FeatureSpaces spaces;

	private final FactLimits limits;

	FactModels(ModelCatalog catalog, FeatureSpaces spaces, FactLimits limits) {
		this.catalog = catalog;
		this.spaces = spaces;
		this.limits = limits;
		spaces.guardDeletes(this::usesSpace);
		MlpModel lesson = catalog.get(MichaelJordan.ID);
		FeatureSpace space = FeatureSpace.of(FeatureSpaces.LESSON, SpaceKind.ORTHONORMAL, lesson.directions().names(),
				lesson.directions().vectors(), null, null, lesson.createdAt());
		spaces.addBuiltIn(space);
		sets.put(lesson.id(), FactSet.of(lesson, space, LESSON_FACTS, lesson.weights().activation()));
	}

	/**
	 * The built-in michael-jordan model's facts: compiled, they give its weights exactly.
	 */
	static final List<Fact> LESSON_FACTS = List.of(
			new Fact(List.of("first:Michael", "last:Jordan"),
					List.of("sport:basketball", "team:Chicago Bulls", "number:23")),
			new Fact(List.of("first:Michael", "last:Phelps"), List.of("sport:swimming")));

	/**
	 * Compiles {@code facts} over space {@code spaceId} into a new model.
	 * @throws InvalidInputException for an unknown name, an empty subject or a duplicate
	 * fact; {@link dev.factlab.errors.LimitExceededException} for too many facts or over
	 * the budget; NotFound for an unknown space; Conflict for a taken id
	 */
	public FactSet create(String id, String spaceId, List<Fact> facts, Activation activation, String description) {
		FeatureSpace space = spaces.get(spaceId);
		if (facts == null || facts.isEmpty()) {
			throw new InvalidInputException("No facts", "a fact model needs at least one fact");
		}
		FactLimits.check("facts of a fact model", limits.maxFacts(), facts.size(), "facts");
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < facts.size(); i++) {
			Fact fact = facts.get(i);
			check(space, fact, "facts[%d]".formatted(i));
			if (!keys.add(fact.key())) {
				throw new InvalidInputException("Duplicate fact",
						"facts[%d] has the subject %s of an earlier fact; give each subject once".formatted(i,
								fact.subject()))
					.with("subject", fact.subject());
			}
		}
		MlpModel model = catalog.create(id, "facts-" + space.id(), FactCompiler.bytes(facts.size(), space.dimensions()),
				() -> draft(space, facts, activation, description));
		FactSet set = FactSet.of(model, space, facts, activation);
		sets.put(model.id(), set);
		return set;
	}

	/**
	 * @throws NotFoundException for an unknown model or one that is not a fact model
	 */
	public FactSet get(String modelId) {
		return get(modelId, catalog.get(modelId));
	}

	private FactSet get(String modelId, MlpModel model) {
		FactSet set = sets.get(modelId);
		if (set == null || set.model() != model) {
			throw new NotFoundException("Not a fact model",
					"model '%s' was not compiled from facts; create one with POST /api/v1/fact-models"
						.formatted(modelId));
		}
		return set;
	}

	public List<FactSet> list() {
		return sets.keySet().stream().sorted().filter(id -> !id.equals(MichaelJordan.ID)).map(id -> {
			try {
				return get(id);
			}
			catch (NotFoundException gone) {
				sets.remove(id);
				return null;
			}
		}).filter(s -> s != null).toList();
	}

	/**
	 * Recalls the attributes of each subject.
	 * @throws InvalidInputException for an empty batch or subject, or an unknown name
	 */
	public List<QueryAnswer> query(String modelId, List<List<String>> subjects) {
		try (ModelCatalog.Lease lease = catalog.lease(modelId)) {
			return query(get(modelId, lease.model()), subjects);
		}
	}

	private List<QueryAnswer> query(FactSet set, List<List<String>> subjects) {
		if (subjects == null || subjects.isEmpty()) {
			throw new InvalidInputException("No subjects", "give subject or subjects to query");
		}
		FactLimits.check("subjects of one query", limits.maxQueryBatch(), subjects.size(), "subjects");
		long values = (long) subjects.size() * (set.facts().size() + set.space().size());
		FactLimits.check("numbers of one query (subjects × (facts + names))", limits.maxQueryValues(), values,
				"numbers");
		for (int i = 0; i < subjects.size(); i++) {
			List<String> subject = subjects.get(i);
			if (subject == null || subject.isEmpty()) {
				throw new InvalidInputException("Empty subject", "subjects[%d] has no names".formatted(i));
			}
			subject.forEach(set.space()::require);
		}
		return FactAnswers.answer(set, subjects);
	}

	/**
	 * Adds a fact as a new last neuron.
	 * @throws ConflictException when a fact has that subject
	 */
	public synchronized EditResult add(String modelId, Fact fact) {
		FactSet set = get(modelId);
		check(set.space(), fact, "fact");
		if (set.neuronOf(fact.subject()) >= 0) {
			throw new ConflictException("Duplicate fact",
					"model '%s' already has a fact with subject %s; change it with PUT".formatted(modelId,
							fact.subject()));
		}
		FactLimits.check("facts of a fact model", limits.maxFacts(), set.facts().size() + 1L, "facts");
		List<Fact> facts = new ArrayList<>(set.facts());
		facts.add(fact);
		FactSet after = rebuild(set, facts);
		return FactEdits.added(set, after, fact);
	}

	/**
	 * Replaces the attributes of the fact with {@code fact}'s subject.
	 * @throws NotFoundException when no fact has that subject
	 */
	public synchronized EditResult change(String modelId, Fact fact) {
		FactSet set = get(modelId);
		check(set.space(), fact, "fact");
		int neuron = require(set, fact.subject());
		List<Fact> facts = new ArrayList<>(set.facts());
		Fact previous = facts.set(neuron, fact);
		FactSet after = rebuild(set, facts);
		return FactEdits.changed(set, after, previous, fact, neuron);
	}

	/**
	 * Removes the fact with {@code subject}; later facts move down one neuron.
	 * @throws NotFoundException when no fact has that subject; Conflict for the last fact
	 */
	public synchronized EditResult remove(String modelId, List<String> subject) {
		FactSet set = get(modelId);
		if (subject == null || subject.isEmpty()) {
			throw new InvalidInputException("Empty subject", "give the subject of the fact to remove");
		}
		int neuron = require(set, subject);
		if (set.facts().size() == 1) {
			throw new ConflictException("Last fact",
					"fact model '%s' has only this fact; delete the model instead".formatted(modelId));
		}
		List<Fact> facts = new ArrayList<>(set.facts());
		Fact removed = facts.remove(neuron);
		FactSet after = rebuild(set, facts);
		return FactEdits.removed(set, after, removed, neuron);
	}

	boolean usesSpace(String spaceId) {
		return list().stream().anyMatch(s -> s.space().id().equals(spaceId));
	}

	private FactSet rebuild(FactSet set, List<Fact> facts) {
		MlpModel model = catalog.replace(set.id(),
				() -> draft(set.space(), facts, set.activation(), set.model().description()),
				FactCompiler.bytes(facts.size(), set.space().dimensions()));
		FactSet after = FactSet.of(model, set.space(), facts, set.activation());
		sets.put(model.id(), after);
		return after;
	}

	private static int require(FactSet set, List<String> subject) {
		int neuron = set.neuronOf(subject);
		if (neuron < 0) {
			throw new NotFoundException("Unknown fact",
					"model '%s' has no fact with subject %s".formatted(set.id(), subject))
				.with("subject", subject);
		}
		return neuron;
	}

	private static MlpModel.Draft draft(FeatureSpace space, List<Fact> facts, Activation activation,
			String description) {
		MlpWeights weights = FactCompiler.compile(space, facts, activation);
		String text = description != null && !description.isBlank() ? description
				: "%,d facts compiled one neuron per fact over feature space '%s' (%s, D=%d)".formatted(facts.size(),
						space.id(), space.kind().wireName(), space.dimensions());
		return new MlpModel.Draft(text, weights, space.directions(), facts.stream().map(Fact::label).toList());
	}

	private void check(FeatureSpace space, Fact fact, String where) {
		if (fact == null || fact.subject().isEmpty()) {
			throw new InvalidInputException("Empty subject",
					"%s has an empty subject: give at least one name that must be present".formatted(where));
		}
		if (fact.attributes().isEmpty()) {
			throw new InvalidInputException("No attributes", "%s has no attributes to write".formatted(where));
		}
		FactLimits.check("names in one subject", limits.maxSubjectNames(), fact.subject().size(), "names");
		FactLimits.check("attributes of one fact", limits.maxAttributes(), fact.attributes().size(), "attributes");
		if (new HashSet<>(fact.subject()).size() != fact.subject().size()) {
			throw new InvalidInputException("Repeated name",
					"%s names a subject name twice: %s".formatted(where, fact.subject()));
		}
		if (new HashSet<>(fact.attributes()).size() != fact.attributes().size()) {
			throw new InvalidInputException("Repeated name",
					"%s names an attribute twice: %s".formatted(where, fact.attributes()));
		}
		fact.subject().forEach(space::require);
		fact.attributes().forEach(space::require);
	}

}
