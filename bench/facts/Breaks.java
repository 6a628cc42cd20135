import java.util.List;
import java.util.Locale;

import dev.factlab.facts.CapacityCell;
import dev.factlab.facts.CapacityPoint;
import dev.factlab.facts.CapacitySpec;
import dev.factlab.facts.SpaceDirections;

/**
 * Where one neuron per fact breaks, by subject arity and by shared first names: the fact-capacity job's cells
 * (CapacityCell, the same facts, seeds and metrics as POST /api/v1/jobs/fact-capacity with space random, seed 0)
 * at one D over a range of fact counts, printed as Markdown tables. usage: Breaks [D]
 */
public class Breaks {

	static final List<Integer> FACTS = List.of(16, 64, 256, 1024, 4096);

	public static void main(String[] args) {
		int d = args.length > 0 ? Integer.parseInt(args[0]) : 64;
		System.out.printf(Locale.ROOT, "Subject arity k (one first name per fact), random D = %d, seed 0%n%n", d);
		header("k");
		for (int k = 1; k <= 3; k++) {
			sweep(d, k, null, "k = " + k);
		}
		System.out.printf(Locale.ROOT, "%nShared first names (arity 2), random D = %d, seed 0%n%n", d);
		header("first names");
		for (Integer first : new Integer[] { null, 64, 16, 4, 1 }) {
			sweep(d, 2, first, first == null ? "one per fact" : first.toString());
		}
	}

	static void header(String what) {
		System.out.printf("| %s | F | F/D | names | recall@1 | exact | partial fires | noise median | noise p99 |%n", what);
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
	}

	static void sweep(int d, int arity, Integer firstNames, String label) {
		CapacitySpec spec = new CapacitySpec(List.of(d), FACTS, "random", null, arity, firstNames, 0);
		for (int cell = 0; cell < FACTS.size(); cell++) {
			int f = FACTS.get(cell);
			int n = Math.toIntExact(spec.namesOf(f));
			CapacityPoint p = CapacityCell.measure(spec, f, SpaceDirections.random(n, d, spec.seed() + cell), done -> {
			});
			System.out.printf(Locale.ROOT, "| %s | %,d | %.3g | %,d | %.3f | %.3f | %s | %.3f | %.3f |%n", label, f,
					p.factsPerDimension(), p.names(), p.recallAt1(), p.exactRate(),
					p.partialFireRate() == null ? "–" : String.format(Locale.ROOT, "%.3f", p.partialFireRate()),
					p.noiseMedian(), p.noiseP99());
		}
	}

}
