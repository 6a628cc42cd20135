package dev.factlab.angles;

import java.time.Duration;

/**
 * Hears an angle run's progress and may stop it. {@link #afterStep} runs on the caller's
 * thread after every step; {@link #cancelRequested} is polled between Gram tiles (every
 * few milliseconds, even when one step takes 20 s) from the run's worker threads, so it
 * must be cheap and thread-safe, e.g. a read of a volatile field. When it returns true
 * the run stops within about one tile and {@link AngleOptimiser#run} throws
 * {@link java.util.concurrent.CancellationException}. Interrupting the thread that called
 * {@code run} does the same (the interrupt stays set).
 */
public interface StepListener {

	/** Neither listens nor cancels. */
	StepListener NONE = progress -> {
	};

	/**
	 * Called after step {@code progress.step()} (1-based) with the loss evaluated at the
	 * start of that step.
	 */
	void afterStep(Progress progress);

	/**
	 * @return true to stop the run; polled from worker threads.
	 */
	default boolean cancelRequested() {
		return false;
	}

	/**
	 * @param step the step just taken, 1-based
	 * @param steps the run's total steps
	 * @param loss the loss at the start of the step (as torch reports it: computed, then
	 * the update)
	 * @param elapsed time since the first step started
	 */
	record Progress(int step, int steps, double loss, Duration elapsed) {
	}

}
