package dev.factlab.facts;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an edit did, and how much it moved the other facts.
 *
 * @param action added, changed or removed
 * @param fact the fact as it is now (for removed: as it was)
 * @param previous the fact before a change, else null
 * @param neuron its neuron now (for removed: the one it had)
 * @param facts facts of the model after the edit
 * @param otherFacts how much every other fact's decoded scores moved
 */
@Schema(description = "What an edit did")
public record EditResult(@Schema(description = "added, changed or removed", example = "changed") String action,
		@Schema(description = "The fact as it is now (as it was, when removed)") Fact fact,
		@Schema(description = "The fact before a change; null otherwise") Fact previous,
		@Schema(description = "Its neuron now (the one it had, when removed)", example = "0") int neuron,
		@Schema(description = "Facts of the model after the edit", example = "2") int facts,
		@Schema(description = "How much every other fact's decoded scores moved") OtherFacts otherFacts) {

	/**
	 * The other facts' movement: only the edited neuron changed, so fact j's scores moved
	 * by its activation of that neuron times the change of the neuron's written scores.
	 *
	 * @param checked other facts
	 * @param moved those whose largest score change is above 0
	 * @param maxScoreChange the largest change of any decoded score of any other fact
	 * @param largest up to 10 facts that moved most, largest first
	 */
	@Schema(description = "How much the other facts' decoded scores moved")
	public record OtherFacts(@Schema(description = "Other facts checked (all of them)", example = "1") int checked,
			@Schema(description = "Facts whose largest score change is above 0", example = "0") int moved,
			@Schema(description = "The largest change of any decoded score of any other fact",
					example = "0.0") double maxScoreChange,
			@Schema(description = "Up to 10 facts that moved most, largest first") List<Moved> largest) {
	}

	/** One other fact's movement. */
	@Schema(description = "One other fact's movement")
	public record Moved(
			@Schema(description = "The fact", example = "first:Michael + last:Phelps → sport:swimming") String fact,
			@Schema(description = "Its neuron after the edit", example = "1") int neuron,
			@Schema(description = "Its largest score change over all names", example = "0.0") double maxScoreChange) {
	}

}
