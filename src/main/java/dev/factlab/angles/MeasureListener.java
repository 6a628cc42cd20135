package dev.factlab.angles;

/**
 * Hears how far a measurement of pairwise angles has got, and may stop it.
 * {@link #measured} runs on the thread that called the measurement, between Gram tiles
 * (every few to tens of milliseconds); {@link #cancelRequested} is polled before every
 * tile from the run's worker threads, so it must be cheap and thread-safe. When it
 * returns true the measurement stops within about one tile and throws
 * {@link java.util.concurrent.CancellationException}.
 */
public interface MeasureListener {

	/** Neither listens nor cancels. */
	MeasureListener NONE = (pairs, totalPairs) -> {
	};

	/**
	 * @param pairs pairs measured so far (by every lane)
	 * @param totalPairs N(N−1)/2
	 */
	void measured(long pairs, long totalPairs);

	/**
	 * @return true to stop the measurement; polled from worker threads.
	 */
	default boolean cancelRequested() {
		return false;
	}

}
