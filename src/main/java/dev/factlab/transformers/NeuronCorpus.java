package dev.factlab.transformers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus shipped for neuron-examples jobs: a few hundred sentences written for this
 * project (people, sports, places, numbers and dates, everyday text), one per line in
 * {@value #RESOURCE}; lines starting with {@code #} are comments (the licence header).
 */
public final class NeuronCorpus {

	/** The corpus name in a job's spec. */
	public static final String SHIPPED = "shipped";

	/** A job's own sentences. */
	public static final String USER = "user";

	static final String RESOURCE = "/transformers/corpus/neuron-examples.txt";

	private static volatile List<String> shipped;

	private NeuronCorpus() {
	}

	/**
	 * @return the shipped sentences, in file order
	 */
	public static List<String> shipped() {
		List<String> sentences = shipped;
		if (sentences == null) {
			sentences = read();
			shipped = sentences;
		}
		return sentences;
	}

	private static List<String> read() {
		try (InputStream in = NeuronCorpus.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("the shipped corpus " + RESOURCE + " is missing from the classpath");
			}
			List<String> sentences = new ArrayList<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String sentence = line.strip();
				if (!sentence.isEmpty() && !sentence.startsWith("#")) {
					sentences.add(sentence);
				}
			}
			return List.copyOf(sentences);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
