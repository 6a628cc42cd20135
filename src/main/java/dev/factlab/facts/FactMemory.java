package dev.factlab.facts;

import dev.factlab.errors.LimitExceededException;
import dev.factlab.mlp.ModelCatalog;

import org.springframework.stereotype.Component;

/**
 * The one place where the facts module charges memory: feature spaces and the matrices of
 * capacity runs count against the model memory budget (today
 * {@link ModelCatalog#reserve}).
 */
@Component
public class FactMemory {

	private final ModelCatalog catalog;

	FactMemory(ModelCatalog catalog) {
		this.catalog = catalog;
	}

	/** Memory held until {@link #close()}. */
	public final class Reservation implements AutoCloseable {

		private long bytes;

		private Reservation(long bytes) {
			this.bytes = bytes;
		}

		@Override
		public void close() {
			if (bytes > 0) {
				catalog.release(bytes);
				bytes = 0;
			}
		}

	}

	/**
	 * @throws LimitExceededException when the budget can't hold {@code bytes} more
	 */
	public Reservation reserve(String what, long bytes) {
		catalog.reserve(what, bytes);
		return new Reservation(bytes);
	}

}
