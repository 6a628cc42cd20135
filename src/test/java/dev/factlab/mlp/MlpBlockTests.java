package dev.factlab.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.factlab.tensor.Activation;
import dev.factlab.tensor.FloatMatrix;
import dev.factlab.tensor.Reference;
import dev.factlab.tensor.TensorOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/**
 * The MLP block without Spring: the lesson's numbers, and every activation against a
 * plain-Java reference.
 */
class MlpBlockTests {

	static final MlpLimits LIMITS = new MlpLimits(2048, 16384, 65536, DataSize.ofGigabytes(5), 1 << 20, 1 << 25,
			1 << 22, 256, 1024, 64, Duration.ofSeconds(10));

	final MlpModel toy = MichaelJordan.model(Instant.EPOCH);

	MlpBlock.Forward pass(Map<String, Double>... tokens) {
		List<TokenInput> inputs = java.util.Arrays.stream(tokens).<TokenInput>map(TokenInput.Named::new).toList();
		return MlpBlock.forward(toy.weights(), TokenEncoder.encode(inputs, toy, LIMITS).tokens());
	}

	float along(FloatMatrix residual, int token, String direction) {
		return residual.get(token, MichaelJordan.DIRECTIONS.indexOf(direction));
	}

	@Test
	@SuppressWarnings("unchecked")
	void michaelJordanPlaysBasketball() {
		MlpBlock.Forward f = pass(Map.of("first:Michael", 1.0, "last:Jordan", 1.0),
				Map.of("first:Michael", 1.0, "last:Phelps", 1.0), Map.of("first:Alexis", 1.0, "last:Jordan", 1.0));
		assertThat(f.preActivations().column(0)).containsExactly(1f, 0f, 0f);
		assertThat(f.activations().column(0)).as("neuron 0: an AND gate").containsExactly(1f, 0f, 0f);
		assertThat(f.activations().column(1)).as("neuron 1: Michael Phelps").containsExactly(0f, 1f, 0f);
		assertThat(along(f.residual(), 0, "sport:basketball")).isEqualTo(1f);
		assertThat(along(f.residual(), 0, "team:Chicago Bulls")).isEqualTo(1f);
		assertThat(along(f.residual(), 0, "number:23")).isEqualTo(1f);
		assertThat(along(f.residual(), 1, "sport:basketball")).isEqualTo(0f);
		assertThat(along(f.residual(), 1, "sport:swimming")).isEqualTo(1f);
		assertThat(along(f.residual(), 2, "sport:basketball")).isEqualTo(0f);
		float[] michaelJordan = new float[MichaelJordan.D_MODEL];
		michaelJordan[MichaelJordan.DIRECTIONS.indexOf("first:Michael")] = 1;
		michaelJordan[MichaelJordan.DIRECTIONS.indexOf("last:Jordan")] = 1;
		for (int i = 0; i < MichaelJordan.D_MODEL; i++) {
			assertThat(f.residual().get(0, i)).as("resid_post = resid_mid + mlp_out at %d", i)
				.isEqualTo(michaelJordan[i] + f.output().get(0, i));
		}
	}

	static List<Arguments> shapes() {
		List<Arguments> cases = new java.util.ArrayList<>();
		for (Activation activation : Activation.values()) {
			cases.add(Arguments.of(activation, 3, 8, 20));
			cases.add(Arguments.of(activation, 40, 96, 384));
			// Off-heap weights and few tokens: the few-token kernel
			cases.add(Arguments.of(activation, 5, 1100, 1000));
		}
		return cases;
	}

	/**
	 * Small shapes take the Java kernel, larger ones ND4J's GEMM (see
	 * TensorOps.JAVA_MAX_MULTIPLY_ADDS), few tokens through off-heap weights the
	 * few-token kernel.
	 */
	@ParameterizedTest
	@MethodSource("shapes")
	void forwardPassMatchesAPlainJavaReference(Activation activation, int tokens, int dModel, int neurons) {
		assertThat((long) tokens * dModel * neurons > TensorOps.JAVA_MAX_MULTIPLY_ADDS).isEqualTo(dModel > 8);
		SplittableRandom random = new SplittableRandom(dModel * 1000L + activation.ordinal());
		float[][] e = Reference.random(random, tokens, dModel, 1);
		float[][] wUp = Reference.random(random, neurons, dModel, 0.3);
		float[] bUp = Reference.random(random, 1, neurons, 0.5)[0];
		float[][] wDown = Reference.random(random, dModel, neurons, 0.1);
		float[] bDown = Reference.random(random, 1, dModel, 0.5)[0];
		MlpWeights weights = new MlpWeights(FloatMatrix.ofRows(wUp), bUp, FloatMatrix.ofRows(wDown), bDown, activation);

		MlpBlock.Forward f = MlpBlock.forward(weights, FloatMatrix.ofRows(e));

		double[][] pre = Reference.affine(e, wUp, bUp);
		float[][] post = new float[tokens][neurons];
		double[][] postExact = new double[tokens][neurons];
		for (int t = 0; t < tokens; t++) {
			for (int i = 0; i < neurons; i++) {
				postExact[t][i] = Reference.activation(activation.wireName(), pre[t][i]);
				post[t][i] = (float) postExact[t][i];
			}
		}
		double[][] out = Reference.affine(post, wDown, bDown);
		double[][] residual = new double[tokens][dModel];
		for (int t = 0; t < tokens; t++) {
			for (int i = 0; i < dModel; i++) {
				residual[t][i] = e[t][i] + out[t][i];
			}
		}
		Reference.assertClose(pre, f.preActivations(), "pre");
		Reference.assertClose(postExact, f.activations(), "post");
		Reference.assertClose(out, f.output(), "out");
		Reference.assertClose(residual, f.residual(), "residual");
	}

	@ParameterizedTest
	@MethodSource("shapes")
	void nTokensInOnePassEqualNOneTokenPasses(Activation activation, int tokens, int dModel, int neurons) {
		SplittableRandom random = new SplittableRandom(17);
		MlpWeights weights = new MlpWeights(FloatMatrix.ofRows(Reference.random(random, neurons, dModel, 0.3)),
				Reference.random(random, 1, neurons, 0.5)[0],
				FloatMatrix.ofRows(Reference.random(random, dModel, neurons, 0.1)),
				Reference.random(random, 1, dModel, 0.5)[0], activation);
		float[][] e = Reference.random(random, tokens, dModel, 1);
		MlpBlock.Forward batch = MlpBlock.forward(weights, FloatMatrix.ofRows(e));
		for (int t = 0; t < tokens; t++) {
			MlpBlock.Forward single = MlpBlock.forward(weights, FloatMatrix.ofRows(new float[][] { e[t] }));
			double[][] expected = { toDouble(single.residual().row(0)) };
			Reference.assertClose(expected, FloatMatrix.ofRows(new float[][] { batch.residual().row(t) }),
					"token " + t);
		}
	}

	@org.junit.jupiter.api.Test
	void aReusedWorkspaceGivesTheSameNumbersAsFreshArrays() {
		SplittableRandom random = new SplittableRandom(23);
		int dModel = 16;
		int neurons = 20_000;
		MlpWeights weights = new MlpWeights(FloatMatrix.ofRows(Reference.random(random, neurons, dModel, 0.3)),
				Reference.random(random, 1, neurons, 0.5)[0],
				FloatMatrix.ofRows(Reference.random(random, dModel, neurons, 0.1)),
				Reference.random(random, 1, dModel, 0.5)[0], Activation.GELU);
		dev.factlab.tensor.Workspace workspace = new dev.factlab.tensor.Workspace();
		for (int tokens : new int[] { 90, 60, 90 }) {
			assertThat((long) tokens * neurons).as("large enough for the workspace")
				.isGreaterThan(FloatMatrix.HEAP_MAX_ELEMENTS);
			FloatMatrix e = FloatMatrix.ofRows(Reference.random(random, tokens, dModel, 1));
			MlpBlock.Forward fresh = MlpBlock.forward(weights, e);
			MlpBlock.Forward reused = MlpBlock.forward(weights, e, workspace);
			assertThat(reused.preActivations().toArray()).as("pre, %d tokens", tokens)
				.isEqualTo(fresh.preActivations().toArray());
			assertThat(reused.activations().toArray()).isEqualTo(fresh.activations().toArray());
			assertThat(reused.output().toArray()).isEqualTo(fresh.output().toArray());
			assertThat(reused.residual().toArray()).isEqualTo(fresh.residual().toArray());
			assertThat(reused.activations().rows()).isEqualTo(tokens);
		}
		assertThat(workspace.bytes()).as("buffers kept for 90 tokens").isGreaterThan(0);
	}

	private static double[] toDouble(float[] values) {
		double[] out = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = values[i];
		}
		return out;
	}

}
