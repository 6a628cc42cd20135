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
 * ONNX file, in the same JVM, repeats in interleaved pairs (so both see the same load), medians after a warm-up.
 * Run by run.sh.
 */
public class TransformerBench {

	public static void main(String[] args) throws Exception {
		int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
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
		try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
			double[][] single = interleaved(repeats, () -> TransformerPass.run(weights, one, List.of()),
					() -> onnx(env, session, one));
			double[][] batched = interleaved(Math.max(3, repeats / 4),
					() -> TransformerPass.run(weights, batch, List.of()), () -> onnx(env, session, batch));
			double[] oursOne = single[0];
			double[] ortOne = single[1];
			double[] oursBatch = batched[0];
			double[] ortBatch = batched[1];
			System.out.printf("all-MiniLM-L6-v2, %d tokens per sentence, %d repeats (medians)%n", sentence.length,
					repeats);
			System.out.printf("%-34s %12s %12s %8s%n", "case", "fact-lab", "onnxruntime", "ratio");
			row("1 sentence latency (ms)", median(oursOne) * 1e3, median(ortOne) * 1e3);
			row("64 sentences (ms per batch)", median(oursBatch) * 1e3, median(ortBatch) * 1e3);
			System.out.printf("%-34s %12.0f %12.0f%n", "64 sentences throughput (sent/s)", 64 / median(oursBatch),
					64 / median(ortBatch));
		}
	}

	private static void row(String name, double ours, double peer) {
		System.out.printf("%-34s %12.2f %12.2f %7.2fx%n", name, ours, peer, ours / peer);
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
	 * Seconds of each repeat of both passes, run in pairs (in alternating order) so that
	 * both see the same share of a loaded machine, after three warm-up pairs.
	 * @return {ours, peer}
	 */
	private static double[][] interleaved(int repeats, Runnable ours, Runnable peer) {
		for (int i = 0; i < 3; i++) {
			ours.run();
			peer.run();
		}
		double[][] seconds = new double[2][repeats];
		for (int i = 0; i < repeats; i++) {
			boolean oursFirst = i % 2 == 0;
			seconds[oursFirst ? 0 : 1][i] = time(oursFirst ? ours : peer);
			seconds[oursFirst ? 1 : 0][i] = time(oursFirst ? peer : ours);
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
