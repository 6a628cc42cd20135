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

		private final ModelCatalog.Charge charge;

		private Reservation(ModelCatalog.Charge charge) {
			this.charge = charge;
		}

		@Override
		public void close() {
			charge.close();
		}

	}

	/**
	 * @throws LimitExceededException when the budget can't hold {@code bytes} more
	 */
	public Reservation reserve(String what, long bytes) {
		return new Reservation(catalog.reserve(what, bytes));
	}

}
