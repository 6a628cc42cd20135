import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.factlab.transformers.EncoderWeights;
import dev.factlab.transformers.TransformerPass;
import dev.factlab.transformers.internal.MiniLmLoader;
import dev.factlab.transformers.internal.WordPieceTokenizer;

/**
 * Latency of one 32-token sentence and throughput of 64 such sentences through all-MiniLM-L6-v2: the service's
 * TransformerPass (every intermediate of every layer kept) beside ONNX Runtime (last hidden state only) on the same
 * ONNX file (with its thread pool not spinning, and with its spinning stopped when a run ends; then by default), in
 * the same JVM, repeats in interleaved rounds (so all see the same load; ORT's default session in a phase of its own,
 * since its threads spin on for tens of milliseconds after each run and take a core from whatever runs next), medians
 * after a warm-up.
 * Run by run.sh.
 */
public class TransformerBench {

	public static void main(String[] args) throws Exception {
		int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		WARMUPS = args.length > 1 ? Integer.parseInt(args[1]) : 15;
		EncoderWeights weights = MiniLmLoader.weights();
		WordPieceTokenizer tokenizer = MiniLmLoader.tokenizer();
		int[] sentence = thirtyTwoTokens(tokenizer);
		List<int[]> one = List.of(sentence);
		List<int[]> batch = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			batch.add(sentence);
		}
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		byte[] model;
		try (InputStream in = TransformerBench.class.getResourceAsStream(MiniLmLoader.ONNX)) {
			model = in.readAllBytes();
		}
		// ONNX Runtime as configured by default (its intra-op threads spin while they wait), and without spinning,
		// which a loaded machine may favour
		OrtSession.SessionOptions quiet = new OrtSession.SessionOptions();
		quiet.addConfigEntry("session.intra_op.allow_spinning", "0");
		// ONNX Runtime's default, except that its threads stop spinning when a run ends: by
		// default they spin on (2^20 pauses, tens of ms) and take a core from whatever runs
		// next in this process, the other passes of the round
		OrtSession.SessionOptions stopping = new OrtSession.SessionOptions();
		stopping.addConfigEntry("session.force_spinning_stop", "1");
		try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
				OrtSession calm = env.createSession(model, quiet);
				OrtSession stopped = env.createSession(model, stopping)) {
			// ORT's default session runs in a phase of its own after the interleaved rounds:
			// its threads spinning on after each run would take a core from the passes after it
			double[][] single = withDefault(
					interleaved(repeats, () -> TransformerPass.run(weights, one, List.of()),
							() -> onnx(env, calm, one), () -> onnx(env, stopped, one)),
					interleaved(repeats, () -> onnx(env, session, one)));
			int batches = Math.max(3, repeats / 4);
			double[][] batched = withDefault(
					interleaved(batches, () -> TransformerPass.run(weights, batch, List.of()),
							() -> onnx(env, calm, batch), () -> onnx(env, stopped, batch)),
					interleaved(batches, () -> onnx(env, session, batch)));
			System.out.printf("all-MiniLM-L6-v2, %d tokens per sentence, %d repeats (medians)%n", sentence.length,
					repeats);
			System.out.printf("%-30s %10s %12s %7s %14s %7s %14s %7s%n", "case", "fact-lab", "onnxruntime", "ratio",
					"ort no-spin", "ratio", "ort stop-spin", "ratio");
			row("1 sentence latency (ms)", single);
			row("64 sentences (ms per batch)", batched);
			System.out.printf("%-30s %10.0f %12.0f %7s %14.0f %7s %14.0f%n", "64 sentences throughput (sent/s)",
					64 / median(batched[0]), 64 / median(batched[1]), "", 64 / median(batched[2]), "",
					64 / median(batched[3]));
		}
	}

	/**
	 * @return {ours, ORT default, ORT no-spin, ORT stop-spin}
	 */
	private static double[][] withDefault(double[][] interleaved, double[][] ortDefault) {
		return new double[][] { interleaved[0], ortDefault[0], interleaved[1], interleaved[2] };
	}

	private static void row(String name, double[][] seconds) {
		double ours = median(seconds[0]) * 1e3;
		double peer = median(seconds[1]) * 1e3;
		double calm = median(seconds[2]) * 1e3;
		double stopped = median(seconds[3]) * 1e3;
		System.out.printf("%-30s %10.2f %12.2f %6.2fx %14.2f %6.2fx %14.2f %6.2fx%n", name, ours, peer, ours / peer,
				calm, ours / calm, stopped, ours / stopped);
	}


	private static int[] thirtyTwoTokens(WordPieceTokenizer tokenizer) {
		String text = "Michael Jordan played basketball for the Chicago Bulls and won six championships in the "
				+ "nineties while Serena Williams dominated tennis and many other athletes watched";
		int[] ids = tokenizer.encode(text).ids();
		int[] out = Arrays.copyOf(ids, 32);
		out[31] = ids[ids.length - 1];
		return out;
	}

	private static void onnx(OrtEnvironment env, OrtSession session, List<int[]> sequences) {
		int n = sequences.get(0).length;
		long[][] ids = new long[sequences.size()][n];
		long[][] mask = new long[sequences.size()][n];
		long[][] types = new long[sequences.size()][n];
		for (int s = 0; s < sequences.size(); s++) {
			for (int t = 0; t < n; t++) {
				ids[s][t] = sequences.get(s)[t];
				mask[s][t] = 1;
			}
		}
		try (OnnxTensor a = OnnxTensor.createTensor(env, ids); OnnxTensor b = OnnxTensor.createTensor(env, mask);
				OnnxTensor c = OnnxTensor.createTensor(env, types);
				OrtSession.Result result = session
					.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
			result.get(0).getValue();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Seconds of each repeat of every pass, run in rounds (each round starting with the next
	 * pass, so none always goes first) so that all see the same share of a loaded machine,
	 * after {@link #WARMUPS} warm-up rounds (three left one sentence's pass partly compiled in
	 * some JVMs: 3.7-8.1 ms against 3.3-3.8 after fifteen, the same minutes).
	 * @return per pass, its seconds
	 */
	private static int WARMUPS = 15;

	private static double[][] interleaved(int repeats, Runnable... passes) {
		for (int i = 0; i < WARMUPS; i++) {
			for (Runnable pass : passes) {
				pass.run();
			}
		}
		double[][] seconds = new double[passes.length][repeats];
		for (int i = 0; i < repeats; i++) {
			for (int p = 0; p < passes.length; p++) {
				int which = (i + p) % passes.length;
				seconds[which][i] = time(passes[which]);
			}
		}
		return seconds;
	}

	private static double time(Runnable pass) {
		long start = System.nanoTime();
		pass.run();
		return (System.nanoTime() - start) / 1e9;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
