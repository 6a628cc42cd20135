package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both kernels (plain Java and ND4J GEMM) against a double-precision triple loop, on
 * random shapes.
 */
class TensorOpsTests {

	@AfterEach
	void automaticKernels() {
		TensorOps.choice = TensorOps.KernelChoice.AUTO;
	}

	@ParameterizedTest
	@CsvSource({ "JAVA, 1, 1, 1", "JAVA, 3, 7, 5", "JAVA, 17, 33, 9", "ND4J, 1, 1, 1", "ND4J, 3, 7, 5",
			"ND4J, 17, 33, 9", "ND4J, 64, 300, 129", "AUTO, 128, 1200, 96" })
	void affineMatchesTheReference(TensorOps.KernelChoice kernel, int n, int m, int k) {
		SplittableRandom random = new SplittableRandom(n * 31L + m * 7L + k);
		float[][] x = Reference.random(random, n, k, 1);
		float[][] w = Reference.random(random, m, k, 0.5);
		float[] b = Reference.random(random, 1, m, 1)[0];
		TensorOps.choice = kernel;
		FloatMatrix y = TensorOps.affine(FloatMatrix.ofRows(x), FloatMatrix.ofRows(w), b);
		Reference.assertClose(Reference.affine(x, w, b), y, kernel + " affine");
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void activationIsTheSameOnHeapAndOffHeap(Activation activation) {
		SplittableRandom random = new SplittableRandom(5);
		int rows = 3;
		int cols = FloatMatrix.HEAP_MAX_ELEMENTS / 2;
		float[][] values = Reference.random(random, rows, cols, 6);
		FloatMatrix offHeap = TensorOps.activate(FloatMatrix.ofRows(values), activation);
		assertThat(offHeap.onHeap()).isFalse();
		float[][] small = { values[0] };
		FloatMatrix onHeap = TensorOps
			.activate(FloatMatrix.ofRows(new float[][] { java.util.Arrays.copyOf(small[0], 1000) }), activation);
		assertThat(onHeap.onHeap()).isTrue();
		for (int j = 0; j < 1000; j++) {
			assertThat(onHeap.get(0, j)).isEqualTo(offHeap.get(0, j));
		}
		for (int i = 0; i < rows; i++) {
			for (int j = 0; j < cols; j += 997) {
				Reference.assertClose(Reference.activation(activation.wireName(), values[i][j]), offHeap.get(i, j),
						activation + " at " + i + "," + j);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = TensorOps.KernelChoice.class, names = { "JAVA", "ND4J" })
	void shapesAreCheckedWithBothShapesInTheMessage(TensorOps.KernelChoice kernel) {
		TensorOps.choice = kernel;
		FloatMatrix x = FloatMatrix.of(2, 3, new float[6]);
		FloatMatrix w = FloatMatrix.of(4, 5, new float[20]);
		assertThatThrownBy(() -> TensorOps.affine(x, w, null)).hasMessageContaining("[2, 3]")
			.hasMessageContaining("[4, 5]");
		assertThatThrownBy(() -> TensorOps.affine(x, FloatMatrix.of(4, 3, new float[12]), new float[3]))
			.hasMessageContaining("bias expected [4] but was [3]");
	}

	@org.junit.jupiter.api.Test
	void randomNormalIsSeededAndScaled() {
		FloatMatrix a = FloatMatrix.randomNormal(200, 300, 0.02, 7);
		FloatMatrix b = FloatMatrix.randomNormal(200, 300, 0.02, 7);
		FloatMatrix c = FloatMatrix.randomNormal(200, 300, 0.02, 8);
		assertThat(a.toArray()).isEqualTo(b.toArray());
		assertThat(a.toArray()).isNotEqualTo(c.toArray());
		double sumOfSquares = 0;
		for (float v : a.toArray()) {
			sumOfSquares += v * v;
		}
		assertThat(Math.sqrt(sumOfSquares / a.elements())).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.0005));
	}

}
