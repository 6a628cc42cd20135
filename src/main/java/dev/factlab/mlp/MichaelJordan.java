package dev.factlab.mlp;

import java.time.Instant;
import java.util.List;

import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;

/**
 * The lesson's toy, built in as {@value #ID}: a 12-dimensional embedding space whose
 * first eight axes are named directions (orthonormal: a feature is "encoded" when its dot
 * product is 1), and two neurons that are AND gates.
 * <ul>
 * <li>Neuron 0, "Michael Jordan": reads {@code first:Michael + last:Jordan} with bias −1,
 * so after ReLU it is 1 for the full name and 0 for Michael Phelps or Alexis Jordan;
 * writes {@code sport:basketball}, {@code team:Chicago Bulls} and {@code number:23}.</li>
 * <li>Neuron 1, "Michael Phelps": reads {@code first:Michael + last:Phelps} with bias −1;
 * writes {@code sport:swimming}.</li>
 * </ul>
 * An idealisation: in real models single neurons rarely hold one clean fact
 * (superposition), and DeepMind's "Fact Finding" study found athlete-to-sport recall
 * spread over several MLP layers of Pythia 2.8B.
 */
public final class MichaelJordan {

	public static final String ID = "michael-jordan";

	static final int D_MODEL = 12;

	static final List<String> DIRECTIONS = List.of("first:Michael", "first:Alexis", "last:Jordan", "last:Phelps",
			"sport:basketball", "sport:swimming", "team:Chicago Bulls", "number:23");

	private MichaelJordan() {
	}

	static MlpModel model(Instant createdAt) {
		float[][] wUp = new float[2][D_MODEL];
		float[][] wDown = new float[D_MODEL][2];
		wUp[0][axis("first:Michael")] = 1;
		wUp[0][axis("last:Jordan")] = 1;
		wDown[axis("sport:basketball")][0] = 1;
		wDown[axis("team:Chicago Bulls")][0] = 1;
		wDown[axis("number:23")][0] = 1;
		wUp[1][axis("first:Michael")] = 1;
		wUp[1][axis("last:Phelps")] = 1;
		wDown[axis("sport:swimming")][1] = 1;
		MlpWeights weights = new MlpWeights(FloatMatrix.ofRows(wUp), new float[] { -1, -1 }, FloatMatrix.ofRows(wDown),
				new float[D_MODEL], Activation.RELU);
		float[][] axes = new float[DIRECTIONS.size()][D_MODEL];
		for (int i = 0; i < axes.length; i++) {
			axes[i][i] = 1;
		}
		return new MlpModel(ID,
				"The lesson's toy fact \"Michael Jordan plays basketball\": neuron 0 is an AND gate on first:Michael "
						+ "and last:Jordan (bias -1) that adds basketball, Chicago Bulls and 23; neuron 1 does the same "
						+ "for Michael Phelps and swimming. An idealisation: real models spread facts over many neurons.",
				true, weights, new NamedDirections(DIRECTIONS, FloatMatrix.ofRows(axes)),
				List.of("Michael Jordan", "Michael Phelps"), createdAt);
	}

	private static int axis(String name) {
		return DIRECTIONS.indexOf(name);
	}

}
