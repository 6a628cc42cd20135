package dev.factlab.params;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;
import static java.lang.Math.subtractExact;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.factlab.errors.DomainException;
import dev.factlab.errors.InvalidInputException;

/**
 * Counts a configuration's parameters exactly, in {@code long} arithmetic with overflow
 * checks. Conventions: see {@link Convention} ({@code matrices}, the lesson's;
 * {@code full}) and {@link KaplanCount}. Stateless and thread-safe; a count takes a few
 * microseconds.
 */
@Service
public class ParameterCount {

	/**
	 * @throws InvalidInputException when a count overflows a {@code long}, naming the
	 * configuration's sizes
	 */
	public ParameterBreakdown count(TransformerConfig config) {
		try {
			return tally(config);
		}
		catch (ArithmeticException ex) {
			throw overflow(config);
		}
	}

	private static ParameterBreakdown tally(TransformerConfig c) {
		List<Component> raw = ComponentTally.of(c);
		long matrices = sum(raw, Convention.MATRICES, null);
		long full = sum(raw, Convention.FULL, null);
		List<Component> components = new ArrayList<>(raw.size());
		raw.forEach(part -> components.add(part.withShareOf(full)));
		List<CategoryTotal> categories = new ArrayList<>(Category.values().length);
		for (Category category : Category.values()) {
			long m = sum(raw, Convention.MATRICES, category);
			long f = sum(raw, Convention.FULL, category);
			if (m > 0 || f > 0) {
				categories.add(new CategoryTotal(category, m, f, share(m, matrices), share(f, full)));
			}
		}
		long embeddings = addExact(sum(raw, Convention.FULL, Category.EMBEDDING),
				addExact(sum(raw, Convention.FULL, Category.POSITION_EMBEDDING),
						sum(raw, Convention.FULL, Category.UNEMBEDDING)));
		KaplanCount kaplan = new KaplanCount(multiplyExact(multiplyExact(12L * c.layers(), c.dModel()), c.dModel()),
				subtractExact(full, embeddings));
		WeightMatrices weightMatrices = WeightMatrices.of(c);
		LessonNumbers lesson = LessonNumbers.of(c, sum(raw, Convention.MATRICES, Category.MLP), matrices,
				weightMatrices.count());
		long n = subtractExact(subtractExact(matrices, sum(raw, Convention.MATRICES, Category.EMBEDDING)),
				unroutedExperts(c, false));
		ExpertCount moe = null;
		if (c.moe() != null) {
			long active = subtractExact(full, unroutedExperts(c, true));
			moe = new ExpertCount(c.moe().experts(), c.moe().expertsPerToken(), c.expertLayers(), full, active,
					share(active, full));
		}
		return new ParameterBreakdown(c, components, categories, lesson, new Conventions(matrices, full, kaplan),
				weightMatrices, WeightBytes.of(full), FlopsPerToken.of(n, c), moe, ConfigWarnings.of(c));
	}

	/**
	 * Parameters in the experts a token is not routed to, all expert layers; with biases
	 * when {@code full}.
	 */
	private static long unroutedExperts(TransformerConfig c, boolean full) {
		MixtureOfExperts moe = c.moe();
		if (moe == null) {
			return 0;
		}
		long perExpert = multiplyExact(multiplyExact((long) c.mlp().matrices(), moe.dFf()), c.dModel());
		if (full && c.mlpBias()) {
			perExpert = addExact(perExpert,
					addExact(multiplyExact((long) c.mlp().matrices() - 1, moe.dFf()), c.dModel()));
		}
		return multiplyExact(multiplyExact(perExpert, moe.experts() - moe.expertsPerToken()), c.expertLayers());
	}

	private static long sum(List<Component> parts, Convention convention, Category category) {
		long total = 0;
		for (Component part : parts) {
			if (part.countedIn(convention) && (category == null || part.category() == category)) {
				total = addExact(total, part.total());
			}
		}
		return total;
	}

	private static double share(long part, long whole) {
		return whole > 0 ? (double) part / whole : 0;
	}

	private static DomainException overflow(TransformerConfig c) {
		String experts = c.moe() == null ? "" : ", experts=%d, moe.dFf=%d".formatted(c.moe().experts(), c.moe().dFf());
		return new InvalidInputException("Parameter count overflows",
				("A count for this configuration exceeds the largest 64-bit integer (%d): vocab=%d, context=%d, "
						+ "dModel=%d, layers=%d, heads=%d, dHead=%d, kvHeads=%d, dFf=%d%s")
					.formatted(Long.MAX_VALUE, c.vocab(), c.context(), c.dModel(), c.layers(), c.heads(), c.dHead(),
							c.kvHeads(), c.dFf(), experts))
			.with("limit", Long.MAX_VALUE);
	}

}
