package dev.factlab.mlp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.factlab.errors.ConflictException;
import dev.factlab.errors.LimitExceededException;
import dev.factlab.errors.NotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The models, in memory, with the memory budget of user-created ones and of externally
 * owned ones (a pretrained transformer's layers). Built-ins are present from the start
 * and can't be deleted; external ones can't be deleted either.
 */
@Component
public class ModelCatalog {

	static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	static final int MAX_ID_LENGTH = 64;

	private final Map<String, MlpModel> models = new LinkedHashMap<>();

	private final long budgetBytes;

	private final Clock clock;

	private final java.util.Set<String> pending = new java.util.HashSet<>();

	private long reservedBytes;

	/** Off-heap room kept free for the intermediates of forward passes. */
	static final long OFF_HEAP_HEADROOM = 1L << 30;

	@org.springframework.beans.factory.annotation.Autowired
	ModelCatalog(MlpLimits limits, ObjectProvider<Clock> clock) {
		this(limits.modelMemoryBudget().toBytes(), clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * @param budgetBytes the configured budget; the effective one is also kept
	 * {@value #OFF_HEAP_HEADROOM} bytes under ND4J's off-heap ceiling, so a model within
	 * budget can always be allocated
	 */
	ModelCatalog(long budgetBytes, Clock clock) {
		long offHeapRoom = dev.factlab.tensor.OffHeap.capacityBytes() - OFF_HEAP_HEADROOM;
		this.budgetBytes = Math.max(0, Math.min(budgetBytes, offHeapRoom));
		this.clock = clock;
		MlpModel toy = MichaelJordan.model(this.clock.instant());
		models.put(toy.id(), toy);
	}

	/** Used and total bytes of the budget for user-created models. */
	public record Memory(long budgetBytes, long usedBytes) {
	}

	public synchronized List<MlpModel> list() {
		return new ArrayList<>(models.values());
	}

	public synchronized Memory memory() {
		return new Memory(budgetBytes, reservedBytes);
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
	 * Reserves the budget, builds the model outside the lock and stores it under
	 * {@code requestedId} or a slug made from {@code baseSlug}.
	 * @throws ConflictException when the id is taken; {@link LimitExceededException} when
	 * the budget can't hold {@code bytes} more
	 */
	public MlpModel create(String requestedId, String baseSlug, long bytes, Supplier<MlpModel.Draft> build) {
		String id;
		synchronized (this) {
			id = requestedId != null ? requestedId : freeSlug(baseSlug);
			if (models.containsKey(id) || pending.contains(id)) {
				throw new ConflictException("Model exists",
						"a model with id '%s' already exists; delete it first or choose another id".formatted(id));
			}
			if (bytes > budgetBytes - reservedBytes) {
				throw new LimitExceededException("model memory budget (%,d bytes in use)".formatted(reservedBytes),
						budgetBytes, reservedBytes + bytes, "bytes")
					.with("modelBytes", bytes);
			}
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
	 * Adds models whose weights another module owns and loads (the layers of a pretrained
	 * transformer): read-only like the built-ins, and their {@code bytes} charged to the
	 * budget once, for all of them.
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
		if (bytes > budgetBytes - reservedBytes) {
			throw new LimitExceededException("model memory budget (%,d bytes in use)".formatted(reservedBytes),
					budgetBytes, reservedBytes + bytes, "bytes")
				.with("modelBytes", bytes);
		}
		reservedBytes += bytes;
		external.forEach(model -> models.put(model.id(), model));
	}

	/**
	 * @throws NotFoundException unknown; {@link ConflictException} built-in
	 */
	public synchronized void delete(String id) {
		MlpModel model = get(id);
		if (model.builtIn()) {
			throw new ConflictException("Built-in model", "model '%s' is built in and can't be deleted".formatted(id));
		}
		models.remove(id);
		reservedBytes -= model.weights().bytes();
	}

	private synchronized void release(String id, long bytes) {
		pending.remove(id);
		reservedBytes -= bytes;
	}

	private String freeSlug(String base) {
		String slug = base;
		for (int n = 2; models.containsKey(slug) || pending.contains(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

}
