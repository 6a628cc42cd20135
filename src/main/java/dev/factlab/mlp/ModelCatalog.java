package dev.factlab.mlp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.InvalidInputException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.tensor.MemoryBudget;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The models, in memory, with the memory budget of user-created ones. Built-ins are
 * present from the start and can't be deleted. A user model is charged what it holds
 * ({@link ModelFootprint}) twice over: against {@code factlab.mlp.model-memory-budget}
 * (the models' share) and, as {@link MemoryBudget#MODELS}, against the process's one
 * {@link MemoryBudget}; at most {@code factlab.mlp.max-models} of them exist at once.
 * Externally owned models (a pretrained transformer's layers) are read-only like the
 * built-ins and charged once for all of them ({@link #addExternal}).
 * <p>
 * Whoever reads a user model's weights holds a {@link Lease} on it: deleting or replacing
 * the model takes it out of the catalog at once, but its off-heap arrays are closed and
 * its bytes given back to both budgets only when the last lease on it closes, so a pass
 * in flight finishes with the weights it started with.
 */
@Component
public class ModelCatalog {

	static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	static final int MAX_ID_LENGTH = 64;

	private final Map<String, MlpModel> models = new LinkedHashMap<>();

	private final long budgetBytes;

	private final int maxModels;

	private final MemoryBudget memory;

	private final Clock clock;

	private final Set<String> pending = new HashSet<>();

	/** Per user model (and pending id): its share of the process's budget. */
	private final Map<String, MemoryBudget.Reservation> reservations = new HashMap<>();

	private long reservedBytes;

	/** Leases open per model (by identity: records compare by value). */
	private final Map<MlpModel, Integer> leases = new IdentityHashMap<>();

	/** Models out of the catalog whose arrays wait for their last lease. */
	private final Map<MlpModel, MemoryBudget.Reservation> retired = new IdentityHashMap<>();

	@Autowired
	ModelCatalog(MlpLimits limits, MemoryBudget memory, ObjectProvider<Clock> clock) {
		this(limits.modelMemoryBudget().toBytes(), limits.maxModels(), memory, clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * @param budgetBytes the models' share, factlab.mlp.model-memory-budget
	 * @param maxModels user-created models at once, factlab.mlp.max-models
	 * @param memory the process's budget, charged as well
	 */
	ModelCatalog(long budgetBytes, int maxModels, MemoryBudget memory, Clock clock) {
		this.budgetBytes = Math.max(0, Math.min(budgetBytes, memory.capacityBytes()));
		this.maxModels = maxModels;
		this.memory = memory;
		this.clock = clock;
		MlpModel toy = MichaelJordan.model(this.clock.instant());
		models.put(toy.id(), toy);
	}

	/**
	 * Used and total bytes of the budget for user-created models, their count and cap,
	 * and the process's whole budget.
	 */
	public record Memory(long budgetBytes, long usedBytes, int models, int maxModels, MemoryBudget.Usage process) {
	}

	public synchronized List<MlpModel> list() {
		return new ArrayList<>(models.values());
	}

	public synchronized Memory memory() {
		return new Memory(budgetBytes, reservedBytes, userModels(), maxModels, memory.usage());
	}

	/**
	 * @throws NotFoundException naming the known ids
	 */
	public synchronized MlpModel get(String id) {
		MlpModel model = models.get(id);
		if (model == null) {
			throw new NotFoundException("Unknown model",
					"no model with id '%s'; known: %s".formatted(id, models.keySet()))
				.with("known", List.copyOf(models.keySet()));
		}
		return model;
	}

	/**
	 * The model {@code id} names now, kept open until the lease is closed: <pre>{@code
	 * try (ModelCatalog.Lease lease = catalog.lease(id)) {
	 *     ... read lease.model().weights() ...
	 * }
	 * }</pre>
	 * @throws NotFoundException naming the known ids
	 */
	public synchronized Lease lease(String id) {
		MlpModel model = get(id);
		leases.merge(model, 1, Integer::sum);
		return new Lease(model);
	}

	/** One reader's hold on a model's weights; see {@link #lease}. */
	public final class Lease implements AutoCloseable {

		private final MlpModel model;

		private boolean open = true;

		private Lease(MlpModel model) {
			this.model = model;
		}

		public MlpModel model() {
			return model;
		}

		@Override
		public void close() {
			synchronized (ModelCatalog.this) {
				if (open) {
					open = false;
					if (leases.merge(model, -1, Integer::sum) == 0) {
						leases.remove(model);
						MemoryBudget.Reservation reservation = retired.remove(model);
						if (reservation != null) {
							free(model, reservation);
						}
					}
				}
			}
		}

	}

	/** Closes a model out of the catalog now, or when its last lease closes. */
	private void retire(MlpModel model, MemoryBudget.Reservation reservation) {
		if (leases.containsKey(model)) {
			retired.put(model, reservation);
		}
		else {
			free(model, reservation);
		}
	}

	private void free(MlpModel model, MemoryBudget.Reservation reservation) {
		// Only the weights: directions may be shared (a feature space's, by fact models).
		model.weights().close();
		reservedBytes -= reservation.bytes();
		reservation.close();
	}

	/**
	 * Reserves the budget, builds the model outside the lock and stores it under
	 * {@code requestedId} or a slug made from {@code baseSlug}.
	 * @param bytes what the model will hold, {@link ModelFootprint#bytes}
	 * @throws ConflictException when the id is taken; {@link LimitExceededException} when
	 * the budget can't hold {@code bytes} more or {@code factlab.mlp.max-models} exist
	 */
	public MlpModel create(String requestedId, String baseSlug, long bytes, Supplier<MlpModel.Draft> build) {
		checkId(requestedId);
		String id;
		synchronized (this) {
			id = requestedId != null ? requestedId : freeSlug(baseSlug);
			if (models.containsKey(id) || pending.contains(id)) {
				throw new ConflictException("Model exists",
						"a model with id '%s' already exists; delete it first or choose another id".formatted(id));
			}
			int userModels = userModels() + pending.size();
			if (userModels >= maxModels) {
				throw new LimitExceededException("user-created models (factlab.mlp.max-models; delete one first)",
						maxModels, userModels + 1, "models");
			}
			checkBudget("model '%s'".formatted(id), bytes);
			reservations.put(id, memory.reserve(bytes, MemoryBudget.MODELS));
			reservedBytes += bytes;
			pending.add(id);
		}
		try {
			MlpModel model = build.get().toModel(id, clock.instant());
			synchronized (this) {
				pending.remove(id);
				models.put(id, model);
			}
			return model;
		}
		catch (RuntimeException ex) {
			release(id, bytes);
			throw ex;
		}
		catch (OutOfMemoryError ex) {
			release(id, bytes);
			throw new LimitExceededException("model memory (the allocation failed: %s)".formatted(ex.getMessage()),
					budgetBytes - reservedBytes, bytes, "bytes");
		}
	}

	/**
	 * Charges memory held beside the models (e.g. the directions of a feature space) to
	 * the same budgets as a model: the models' share and the process's one budget.
	 * @param what names the holder in the problem, e.g. "feature space 'names'"
	 * @return the charge, released by {@link Charge#close()}
	 * @throws LimitExceededException when the budget can't hold {@code bytes} more
	 */
	public synchronized Charge reserve(String what, long bytes) {
		checkBudget(what, bytes);
		MemoryBudget.Reservation process = memory.reserve(bytes, MemoryBudget.MODELS);
		reservedBytes += bytes;
		return new Charge(process);
	}

	/** Memory {@link #reserve reserved} beside the models, held until closed. */
	public final class Charge implements AutoCloseable {

		private MemoryBudget.Reservation process;

		private Charge(MemoryBudget.Reservation process) {
			this.process = process;
		}

		@Override
		public void close() {
			synchronized (ModelCatalog.this) {
				if (process != null) {
					reservedBytes -= process.bytes();
					process.close();
					process = null;
				}
			}
		}

	}

	private void checkBudget(String what, long bytes) {
		if (bytes > budgetBytes - reservedBytes) {
			throw new LimitExceededException(
					"model memory budget (factlab.mlp.model-memory-budget; %,d bytes in use; %s needs %,d)"
						.formatted(reservedBytes, what, bytes),
					budgetBytes, reservedBytes + bytes, "bytes")
				.with("modelBytes", bytes);
		}
	}

	/**
	 * Adds models whose weights another module owns and loads (the layers of a pretrained
	 * transformer): read-only like the built-ins, and their {@code bytes} charged to the
	 * budgets once, for all of them, for the life of the process.
	 * @param external models built with {@code builtIn} true
	 * @throws ConflictException when an id is taken; {@link LimitExceededException} when
	 * the budget can't hold {@code bytes} more
	 */
	public synchronized void addExternal(List<MlpModel> external, long bytes) {
		for (MlpModel model : external) {
			if (!model.builtIn()) {
				throw new IllegalArgumentException("external model '%s' must be read-only".formatted(model.id()));
			}
			if (models.containsKey(model.id()) || pending.contains(model.id())) {
				throw new ConflictException("Model exists",
						"a model with id '%s' already exists".formatted(model.id()));
			}
		}
		reserve("the external models " + external.stream().map(MlpModel::id).toList(), bytes);
		external.forEach(model -> models.put(model.id(), model));
	}

	/**
	 * Rebuilds a user-created model under the same id: the new weights are charged before
	 * they are built, the old ones released once the new model is stored.
	 * @throws NotFoundException unknown; {@link ConflictException} built-in;
	 * {@link LimitExceededException} when the budget can't hold both for a moment
	 */
	public MlpModel replace(String id, Supplier<MlpModel.Draft> build, long bytes) {
		MlpModel old;
		MemoryBudget.Reservation fresh;
		synchronized (this) {
			old = get(id);
			if (old.builtIn()) {
				throw new ConflictException("Built-in model",
						"model '%s' is built in and can't be changed".formatted(id));
			}
			checkBudget("the new weights of '%s'".formatted(id), bytes);
			fresh = memory.reserve(bytes, MemoryBudget.MODELS);
			reservedBytes += bytes;
		}
		MlpModel model;
		try {
			model = build.get().toModel(id, old.createdAt());
		}
		catch (RuntimeException ex) {
			releaseFresh(fresh);
			throw ex;
		}
		synchronized (this) {
			if (models.get(id) != old) {
				releaseFresh(fresh);
				throw new ConflictException("Model changed",
						"model '%s' was changed or deleted while it was being rebuilt; try again".formatted(id));
			}
			models.put(id, model);
			retire(old, reservations.put(id, fresh));
		}
		return model;
	}

	/**
	 * Takes the model out of the catalog; its memory is freed once no {@link Lease} holds
	 * it.
	 * @throws NotFoundException unknown; {@link ConflictException} built-in
	 */
	public synchronized void delete(String id) {
		MlpModel model = get(id);
		if (model.builtIn()) {
			throw new ConflictException("Built-in model", "model '%s' is built in and can't be deleted".formatted(id));
		}
		models.remove(id);
		retire(model, reservations.remove(id));
	}

	private synchronized void releaseFresh(MemoryBudget.Reservation fresh) {
		reservedBytes -= fresh.bytes();
		fresh.close();
	}

	private synchronized void release(String id, long bytes) {
		pending.remove(id);
		reservedBytes -= bytes;
		reservations.remove(id).close();
	}

	private int userModels() {
		return (int) models.values().stream().filter(model -> !model.builtIn()).count();
	}

	private String freeSlug(String base) {
		String slug = base;
		for (int n = 2; models.containsKey(slug) || pending.contains(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

	/**
	 * Every model id is a short slug, so that it is safe in a path and a Location header.
	 */
	static void checkId(String id) {
		if (id != null && (id.length() > MAX_ID_LENGTH || !SLUG.matcher(id).matches())) {
			throw new InvalidInputException("Invalid id",
					"id must be a slug of lowercase letters, digits and single hyphens, at most %d characters (e.g. 'my-model-2'), but was '%s'"
						.formatted(MAX_ID_LENGTH, id));
		}
	}

}
