package dev.factlab.transformers.internal;

/**
 * The k largest values each neuron of one layer reached over a stream of tokens, with
 * where they were, kept without storing the stream: one min-heap of k slots per neuron in
 * flat arrays ({@code [neurons · k]}), whose root is the neuron's current k-th best.
 * <p>
 * Order: larger value first ({@link Float#compare}, so {@code 0.0 > -0.0}); among equal
 * values the earlier token (lower sentence, then lower token index) first. Tokens must be
 * offered in corpus order (sentence by sentence, token by token): a later token then
 * enters a full heap only if its value is strictly larger than the root's, which is
 * exactly the rule above.
 */
public final class TopActivations {

	private final int neurons;

	private final int k;

	/** [neurons · k]: heap slots, root at offset 0 of each neuron's block. */
	private final float[] values;

	private final int[] sentences;

	private final int[] tokens;

	private final int[] counts;

	/** [neurons]: the largest value offered, -∞ before any. */
	private final float[] max;

	/**
	 * @param neurons neurons of the layer
	 * @param k values kept per neuron, at least 1
	 */
	public TopActivations(int neurons, int k) {
		if (neurons < 1 || k < 1) {
			throw new IllegalArgumentException(
					"neurons and k must be positive but were %d and %d".formatted(neurons, k));
		}
		this.neurons = neurons;
		this.k = k;
		long slots = (long) neurons * k;
		this.values = new float[Math.toIntExact(slots)];
		this.sentences = new int[values.length];
		this.tokens = new int[values.length];
		this.counts = new int[neurons];
		this.max = new float[neurons];
		java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
	}

	/**
	 * Offers a batch of tokens.
	 * @param activations [rows, neurons] row-major: each row one token's values. Not
	 * modified.
	 * @param sentence [rows]: the corpus index of each row's sentence. Not modified.
	 * @param token [rows]: the row's index within its sentence. Not modified.
	 * @param skip [rows]: rows to leave out (special tokens), or null. Not modified.
	 */
	public void offer(float[] activations, int[] sentence, int[] token, boolean[] skip) {
		int rows = sentence.length;
		if (activations.length != (long) rows * neurons || token.length != rows
				|| (skip != null && skip.length != rows)) {
			throw new IllegalArgumentException("expected [%d, %d] activations and %d rows of indices but got %d values"
				.formatted(rows, neurons, rows, activations.length));
		}
		for (int r = 0; r < rows; r++) {
			if (skip != null && skip[r]) {
				continue;
			}
			int base = r * neurons;
			for (int n = 0; n < neurons; n++) {
				float v = activations[base + n];
				if (Float.compare(v, max[n]) > 0) {
					max[n] = v;
				}
				int count = counts[n];
				int at = n * k;
				if (count < k) {
					push(at, count, v, sentence[r], token[r]);
					counts[n] = count + 1;
				}
				else if (Float.compare(v, values[at]) > 0) {
					values[at] = v;
					sentences[at] = sentence[r];
					tokens[at] = token[r];
					siftDown(at, 0, k);
				}
			}
		}
	}

	/** The number of neurons. */
	public int neurons() {
		return neurons;
	}

	/** Values kept per neuron at most. */
	public int k() {
		return k;
	}

	/** Examples kept for a neuron: k, or fewer when fewer tokens were offered. */
	public int count(int neuron) {
		return counts[neuron];
	}

	/** The largest value the neuron reached, -∞ if no token was offered. */
	public float max(int neuron) {
		return max[neuron];
	}

	/**
	 * A neuron's kept values, best first.
	 * @return {@code count(neuron)} entries
	 */
	public Entry[] sorted(int neuron) {
		int count = counts[neuron];
		int at = neuron * k;
		Entry[] out = new Entry[count];
		for (int i = 0; i < count; i++) {
			out[i] = new Entry(values[at + i], sentences[at + i], tokens[at + i]);
		}
		java.util.Arrays.sort(out, Entry.BEST_FIRST);
		return out;
	}

	/**
	 * One kept value.
	 *
	 * @param value the neuron's activation
	 * @param sentence the sentence's index in the corpus
	 * @param token the token's index in its sentence ([CLS] is 0)
	 */
	public record Entry(float value, int sentence, int token) {

		/** Larger value first, then earlier sentence, then earlier token. */
		public static final java.util.Comparator<Entry> BEST_FIRST = (a, b) -> {
			int c = Float.compare(b.value, a.value);
			if (c != 0) {
				return c;
			}
			c = Integer.compare(a.sentence, b.sentence);
			return c != 0 ? c : Integer.compare(a.token, b.token);
		};

	}

	/** Is slot i worse than slot j (smaller value, or equal and later)? */
	private boolean worse(int i, int j) {
		int c = Float.compare(values[i], values[j]);
		if (c != 0) {
			return c < 0;
		}
		if (sentences[i] != sentences[j]) {
			return sentences[i] > sentences[j];
		}
		return tokens[i] > tokens[j];
	}

	private void push(int at, int count, float v, int s, int t) {
		int i = count;
		values[at + i] = v;
		sentences[at + i] = s;
		tokens[at + i] = t;
		while (i > 0) {
			int parent = (i - 1) / 2;
			if (!worse(at + i, at + parent)) {
				break;
			}
			swap(at + i, at + parent);
			i = parent;
		}
	}

	private void siftDown(int at, int i, int size) {
		while (true) {
			int left = 2 * i + 1;
			if (left >= size) {
				return;
			}
			int worst = left;
			int right = left + 1;
			if (right < size && worse(at + right, at + left)) {
				worst = right;
			}
			if (!worse(at + worst, at + i)) {
				return;
			}
			swap(at + i, at + worst);
			i = worst;
		}
	}

	private void swap(int i, int j) {
		float v = values[i];
		values[i] = values[j];
		values[j] = v;
		int s = sentences[i];
		sentences[i] = sentences[j];
		sentences[j] = s;
		int t = tokens[i];
		tokens[i] = tokens[j];
		tokens[j] = t;
	}

}
