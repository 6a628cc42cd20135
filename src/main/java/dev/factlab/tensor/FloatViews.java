package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NIO views of stretches of a contiguous off-heap ND4J array, for Java kernels that read
 * or fill it in parallel. A NIO buffer spans at most 2 GB, less than one GPT-3 matrix, so
 * each stretch gets its own view.
 */
final class FloatViews {

	private FloatViews() {
	}

	/**
	 * @param array contiguous, row-major, float32; it must stay reachable while the view
	 * is used
	 * @return {@code elements} floats of {@code array} from element {@code first} on, in
	 * native byte order (reads and writes go to the array)
	 */
	static FloatBuffer view(INDArray array, long first, int elements) {
		FloatPointer start = new FloatPointer(array.data().pointer()).getPointer(array.offset() + first);
		return start.capacity(elements).asBuffer();
	}

	/**
	 * {@link #view} as bytes, for kernels that load vectors straight from it.
	 * @param elements at most {@code Integer.MAX_VALUE / 4}
	 * @return {@code 4 · elements} bytes of {@code array} from element {@code first} on,
	 * in native byte order
	 */
	static ByteBuffer bytes(INDArray array, long first, int elements) {
		FloatPointer start = new FloatPointer(array.data().pointer()).getPointer(array.offset() + first);
		return start.capacity(elements).asByteBuffer().order(ByteOrder.nativeOrder());
	}

}
