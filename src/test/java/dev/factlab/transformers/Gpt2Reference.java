package dev.factlab.transformers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.factlab.transformers.internal.Gpt2Tokenizer;
import org.junit.jupiter.api.Assumptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * The independent reference for the GPT-2 tests:
 * {@code src/test/python/gpt2_reference.py} generates a tiny random GPT-2 checkpoint (2
 * layers, width 32, 4 heads, 64 positions, r50k's 50,257 tokens) in four variants and
 * runs the forward pass in float64 numpy on the token ids this class gives it (from
 * jtokkit). Run once per JVM into {@code target/gpt2-reference}. Without python3 and
 * numpy the tests are skipped, except under CI=true, where they fail.
 */
final class Gpt2Reference {

	static final Path DIR = Path.of("target", "gpt2-reference");

	static final Path CHECKPOINTS = DIR.resolve("checkpoints");

	static final Path SCRIPT = Path.of("src", "test", "python", "gpt2_reference.py");

	/**
	 * Texts of the reference runs: plain, accented, punctuated, digits, one token, long.
	 */
	static final List<String> TEXTS = List.of("Michael Jordan plays the sport of", "Hello world",
			"Crème brûlée, naïve café — déjà vu?", "It's 3.14159... or 22/7; $100 & 50% off #deal",
			"🙂 emoji 🚀 and 漢字", "a",
			"Michael Jordan played basketball for the Chicago Bulls, won six championships, and later owned the "
					+ "Charlotte Hornets; meanwhile Serena Williams dominated tennis and Lionel Messi scored goal "
					+ "after goal for Barcelona, Paris and Miami.");

	/** The neurons the reference zeroes in its ablated pass of text 0. */
	static final Ablation ABLATION = new Ablation(1, new int[] { 3, 7, 11, 40, 99 });

	static final String[] VARIANTS = { "f32", "f16", "bf16" };

	private static JsonNode reference;

	private Gpt2Reference() {
	}

	static List<int[]> sequences() {
		return TEXTS.stream().map(t -> Gpt2Tokenizer.get().encode(t).ids()).toList();
	}

	/** Generates the checkpoints and the reference once per JVM. */
	static synchronized JsonNode generate() throws IOException, InterruptedException {
		if (reference != null) {
			return reference;
		}
		requirePythonWithNumpy();
		Files.createDirectories(DIR);
		JsonMapper json = JsonMapper.builder().build();
		var inputs = json.createObjectNode();
		var sequences = inputs.putArray("sequences");
		for (int[] ids : sequences()) {
			var row = sequences.addArray();
			for (int id : ids) {
				row.add(id);
			}
		}
		var ablation = inputs.putObject("ablation");
		ablation.put("layer", ABLATION.layer());
		var neurons = ablation.putArray("neurons");
		for (int n : ABLATION.neurons()) {
			neurons.add(n);
		}
		Files.writeString(DIR.resolve("inputs.json"), inputs.toString(), StandardCharsets.UTF_8);
		Process process = new ProcessBuilder("python3", SCRIPT.toString(), DIR.toString()).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			fail("%s failed: %s".formatted(SCRIPT, output));
		}
		reference = json.readTree(DIR.resolve("reference.json").toFile());
		return reference;
	}

	private static void requirePythonWithNumpy() throws InterruptedException {
		String why;
		try {
			Process probe = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
			String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
				return;
			}
			why = "python3 can't import numpy: " + output.strip();
		}
		catch (IOException ex) {
			why = "python3 is not installed: " + ex.getMessage();
		}
		String message = "The GPT-2 reference needs python3 with numpy (%s)".formatted(why);
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message + "; under CI=true this is a failure, not a skip");
		}
		Assumptions.abort(message + "; skipped outside CI");
	}

	/**
	 * @return [sequences + 1][vocabulary]: the reference's last-token logits of each
	 * text, then of the ablated pass
	 */
	static double[][] logits(String variant) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(variant + ".logits.f64")))
			.order(ByteOrder.LITTLE_ENDIAN);
		int rows = TEXTS.size() + 1;
		int vocabulary = bytes.capacity() / Double.BYTES / rows;
		double[][] out = new double[rows][vocabulary];
		for (double[] row : out) {
			for (int i = 0; i < vocabulary; i++) {
				row[i] = bytes.getDouble();
			}
		}
		return out;
	}

	/** A JSON matrix as rows. */
	static double[][] matrix(JsonNode node) {
		List<double[]> rows = new ArrayList<>();
		for (JsonNode row : node) {
			double[] values = new double[row.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = row.get(i).asDouble();
			}
			rows.add(values);
		}
		return rows.toArray(double[][]::new);
	}

}
