package dev.factlab.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One worker's tile of a tiled Gram product: a [tileSize²] float32 buffer holding T = V_I
 * V_Jᵀ for two row blocks of {@link RowBlocks}, which Java code then rewrites in place
 * through {@link #bytes()}, and the products of T with row blocks that a gradient needs.
 * Every GEMM runs single-threaded under the {@link BlasThreads} lease (the caller runs
 * one worker per core), so forward passes in flight keep every BLAS thread. Its bytes are
 * reserved in a {@link MemoryBudget} until {@link #close()}. Not thread-safe: one
 * worker's.
 */
public final class TileBuffer implements AutoCloseable {

	private final INDArray buffer;

	private final ByteBuffer bytes;

	private final Map<Long, INDArray> views = new HashMap<>();

	private final MemoryBudget.Reservation reservation;

	private INDArray tile;

	/**
	 * @param budget charged {@code tileSize²·4} bytes under {@code use} until closed
	 */
	public TileBuffer(int tileSize, MemoryBudget budget, String use) {
		this.reservation = budget.reserve((long) tileSize * tileSize * Float.BYTES, use);
		this.buffer = Nd4j.create(DataType.FLOAT, (long) tileSize * tileSize);
		this.bytes = buffer.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * The tile's values, float32 little-endian, row-major from byte 0: [rows of block I,
	 * rows of block J] after {@link #gram}. Modified as the caller likes.
	 */
	public ByteBuffer bytes() {
		return bytes;
	}

	/**
	 * T = V_I V_Jᵀ.
	 * @param v Not modified.
	 */
	public void gram(RowBlocks v, int blockI, int blockJ) {
		INDArray vI = v.block(blockI);
		INDArray vJ = v.block(blockJ);
		tile = view((int) vI.rows(), (int) vJ.rows());
		BlasThreads.run(BlasThreads.Mode.SINGLE, () -> Nd4j.gemm(vI, vJ, tile, false, true, 1.0, 0.0));
	}

	/**
	 * out_outBlock += alpha · op(T) · v_vBlock, with op(T) = Tᵀ when
	 * {@code transposeTile}.
	 * @param v Not modified.
	 * @param out Modified (its block {@code outBlock}).
	 */
	public void multiplyAdd(boolean transposeTile, RowBlocks v, int vBlock, double alpha, RowBlocks out, int outBlock) {
		INDArray t = tile;
		INDArray source = v.block(vBlock);
		INDArray target = out.block(outBlock);
		BlasThreads.run(BlasThreads.Mode.SINGLE, () -> Nd4j.gemm(t, source, target, transposeTile, false, alpha, 1.0));
	}

	private INDArray view(int rows, int cols) {
		return views.computeIfAbsent(((long) rows << 32) | cols,
				key -> Nd4j.create(buffer.data(), new long[] { rows, cols }, new long[] { cols, 1 }, 0, 'c'));
	}

	@Override
	public void close() {
		buffer.close();
		reservation.close();
	}

}
