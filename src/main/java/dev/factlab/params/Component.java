package dev.factlab.params;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One kind of trained tensor and how many parameters it holds. Shapes are rows × columns
 * acting on column vectors, as in the lesson (W_up is d_ff × d_model).
 *
 * @param perLayer null for a tensor that exists once per model
 * @param layers null for a tensor that exists once per model
 * @param share total / the {@code full} count; 0 for a tensor the full count leaves out
 * (a tied unembedding)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Parameters in one kind of tensor")
public record Component(@Schema(description = "Tensor name", example = "MLP up weights") String name,
		@Schema(description = "The lesson's category", example = "MLP") Category category,
		@Schema(description = "Shape of one tensor, rows × columns", example = "49,152 × 12,288") String shape,
		@Schema(description = "Parameters per layer; absent for once-per-model tensors",
				example = "603979776") Long perLayer,
		@Schema(description = "Layers holding this tensor; absent for once-per-model tensors",
				example = "96") Integer layers,
		@Schema(description = "Parameters in all layers", example = "57982058496") long total,
		@Schema(description = "Share of the full count (0 when the full count leaves it out)",
				example = "0.3321") double share,
		@Schema(description = "Conventions whose total includes this tensor",
				example = "[\"matrices\", \"full\"]") List<Convention> countedIn,
		@Schema(description = "How this tensor is counted, when it needs saying",
				example = "tied to the token embedding: counted only under matrices") String note) {

	static final List<Convention> BOTH = List.of(Convention.MATRICES, Convention.FULL);

	static final List<Convention> FULL_ONLY = List.of(Convention.FULL);

	static final List<Convention> MATRICES_ONLY = List.of(Convention.MATRICES);

	public Component {
		if (total < 0 || (perLayer != null && perLayer < 0)) {
			throw new IllegalArgumentException("counts must be non-negative: " + name + " total=" + total);
		}
		countedIn = List.copyOf(countedIn);
	}

	static Component once(String name, Category category, String shape, long total, List<Convention> countedIn,
			String note) {
		return new Component(name, category, shape, null, null, total, 0, countedIn, note);
	}

	static Component perLayer(String name, Category category, String shape, long perLayer, int layers,
			List<Convention> countedIn) {
		return new Component(name, category, shape, perLayer, layers, Math.multiplyExact(perLayer, layers), 0,
				countedIn, null);
	}

	public boolean countedIn(Convention convention) {
		return countedIn.contains(convention);
	}

	Component withShareOf(long full) {
		double s = countedIn(Convention.FULL) && full > 0 ? (double) total / full : 0;
		return new Component(name, category, shape, perLayer, layers, total, s, countedIn, note);
	}

}
