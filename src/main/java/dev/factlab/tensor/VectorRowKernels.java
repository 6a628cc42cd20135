package dev.factlab.tensor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} with the Java Vector API in float32 lanes (sums of a few hundred
 * terms per lane, so the rounding stays near float32's own). Attention transposes each
 * head's keys once so that a query's scores over 16 keys come from {@code dHead} fused
 * multiply-adds without a horizontal sum. Loaded by name from {@link RowKernels#choose()}
 * only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorRowKernels implements RowKernels {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

	private static final int L = S.length();

	/** Queries of one head that {@link #attend} takes at a time. */
	private static final int QUERIES = 4;

	/** Columns of a weight panel for {@link #affine}: 3 vectors. */
	private static final int PANEL = 3 * L;

	/** 8-row product blocks need 28 vector registers (AVX-512 has 32, AVX2 16). */
	private static final boolean WIDE_BLOCK = L >= 16;

	/**
	 * Floats of packed rows an {@link #affine} call packs at a time (256 KB: 128 rows of
	 * 384 terms, 40 of 1,536), so they stay in L2 beside the panel they meet.
	 */
	private static final int PACKED_FLOATS = 1 << 16;

	/**
	 * Packed-row buffers not in use, shared by every thread: at most two per core are
	 * kept, so the memory they hold is bounded however many request threads run products
	 * (a thread-local buffer each held up to 256 KB per thread that had ever run one).
	 */
	private static final BlockingQueue<float[]> PACK_BUFFERS = new ArrayBlockingQueue<>(
			2 * Runtime.getRuntime().availableProcessors());

	private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

	private static final float LOG2E = 1.44269504088896341f;

	private static final float ROUND = 12582912f;

	private static final float MINUS_LN2_HI = -0.693359375f;

	private static final float MINUS_LN2_LO = 2.12194440e-4f;

	private static final float EXP_P0 = 1.9875691500E-4f;

	private static final float EXP_P1 = 1.3981999507E-3f;

	private static final float EXP_P2 = 8.3334519073E-3f;

	private static final float EXP_P3 = 4.1665795894E-2f;

	private static final float EXP_P4 = 1.6666665459E-1f;

	private static final float EXP_P5 = 5.0000001201E-1f;

	private static final float TWO_23 = 8388608f;

	private static final int TWO_23_BITS = Float.floatToRawIntBits(TWO_23);

	private static final float MINUS_INV_SQRT_2 = (float) (-1 / Math.sqrt(2));

	@Override
	public void gelu(float[] in, float[] out, int from, int to) {
		int i = from;
		for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
			FloatVector x = FloatVector.fromArray(S, in, i);
			geluOf(x).intoArray(out, i);
		}
		for (; i < to; i++) {
			out[i] = geluOf(in[i]);
		}
	}

	/** {@code x·erfc(−x/√2)/2} with {@link Erfc}'s formula in float lanes. */
	private static FloatVector geluOf(FloatVector x) {
		FloatVector a = x.mul(MINUS_INV_SQRT_2);
		FloatVector z = a.abs();
		FloatVector t = ONE.div(z.fma(0.5f, 1f));
		FloatVector poly = t.fma(0.17087277f, -0.82215223f)
			.fma(t, FloatVector.broadcast(S, 1.48851587f))
			.fma(t, FloatVector.broadcast(S, -1.13520398f))
			.fma(t, FloatVector.broadcast(S, 0.27886807f))
			.fma(t, FloatVector.broadcast(S, -0.18628806f))
			.fma(t, FloatVector.broadcast(S, 0.09678418f))
			.fma(t, FloatVector.broadcast(S, 0.37409196f))
			.fma(t, FloatVector.broadcast(S, 1.00002368f))
			.fma(t, FloatVector.broadcast(S, -1.26551223f));
		FloatVector ans = t.mul(exp(z.mul(z).neg().add(poly)));
		FloatVector erfc = ans.blend(ans.neg().add(2f), a.compare(VectorOperators.LT, 0f));
		return x.mul(0.5f).mul(erfc);
	}

	/** {@link #geluOf(FloatVector)} of one value, rounded the same way. */
	static float geluOf(float x) {
		float a = x * MINUS_INV_SQRT_2;
		float z = Math.abs(a);
		float t = 1f / Math.fma(z, 0.5f, 1f);
		float poly = Math.fma(t, 0.17087277f, -0.82215223f);
		poly = Math.fma(poly, t, 1.48851587f);
		poly = Math.fma(poly, t, -1.13520398f);
		poly = Math.fma(poly, t, 0.27886807f);
		poly = Math.fma(poly, t, -0.18628806f);
		poly = Math.fma(poly, t, 0.09678418f);
		poly = Math.fma(poly, t, 0.37409196f);
		poly = Math.fma(poly, t, 1.00002368f);
		poly = Math.fma(poly, t, -1.26551223f);
		float ans = t * exp(-(z * z) + poly);
		float erfc = a < 0f ? -ans + 2f : ans;
		return x * 0.5f * erfc;
	}

	/**
	 * {@code e^x} from arithmetic alone (Cephes' expf: x = n·ln 2 + r, |r| ≤ ln 2 / 2, a
	 * degree-7 polynomial for e^r, 2ⁿ built in the exponent bits; about 1 ulp), so the
	 * result is the same bits whether the JIT has compiled the vector code or not
	 * ({@code lanewise(EXP)} calls SVML once compiled and {@code Math.exp} before). Below
	 * −87 it returns e^−87 (≈ 1.6·10⁻³⁸) rather than a subnormal.
	 */
	static FloatVector exp(FloatVector x) {
		FloatVector c = x.max(-87f).min(88f);
		// n = round(c·log2 e) by the 1.5·2²³ trick, exact in float arithmetic
		FloatVector n = c.fma(LOG2E, ROUND).sub(ROUND);
		FloatVector r = n.fma(FloatVector.broadcast(S, MINUS_LN2_HI), c);
		r = n.fma(FloatVector.broadcast(S, MINUS_LN2_LO), r);
		FloatVector p = r.fma(EXP_P0, EXP_P1)
			.fma(r, FloatVector.broadcast(S, EXP_P2))
			.fma(r, FloatVector.broadcast(S, EXP_P3))
			.fma(r, FloatVector.broadcast(S, EXP_P4))
			.fma(r, FloatVector.broadcast(S, EXP_P5));
		FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
		IntVector bits = n.add(TWO_23 + 127f).reinterpretAsInts().sub(TWO_23_BITS).lanewise(VectorOperators.LSHL, 23);
		return er.mul(bits.reinterpretAsFloats());
	}

	/** {@link #exp(FloatVector)} of one value, rounded the same way. */
	static float exp(float x) {
		float c = Math.min(Math.max(x, -87f), 88f);
		float n = Math.fma(c, LOG2E, ROUND) - ROUND;
		float r = Math.fma(n, MINUS_LN2_HI, c);
		r = Math.fma(n, MINUS_LN2_LO, r);
		float p = Math.fma(r, EXP_P0, EXP_P1);
		p = Math.fma(p, r, EXP_P2);
		p = Math.fma(p, r, EXP_P3);
		p = Math.fma(p, r, EXP_P4);
		p = Math.fma(p, r, EXP_P5);
		float er = p * (r * r) + r + 1f;
		return er * Float.intBitsToFloat((Float.floatToRawIntBits(n + (TWO_23 + 127f)) - TWO_23_BITS) << 23);
	}

	/**
	 * The lanes' sum, lane 0 first, in double: the same bits compiled or not
	 * ({@code reduceLanes} may add in another order).
	 */
	private static double sum(FloatVector v, float[] lanes) {
		v.intoArray(lanes, 0);
		double sum = 0;
		for (float lane : lanes) {
			sum += lane;
		}
		return sum;
	}

	@Override
	public void layerNorm(float[] x, float[] residual, float[] out, int d, int rowFrom, int rowTo, float[] gamma,
			float[] beta, double epsilon) {
		int bound = S.loopBound(d);
		float[] lanes = new float[L];
		for (int r = rowFrom; r < rowTo; r++) {
			int off = r * d;
			float[] source = x;
			if (residual != null) {
				for (int i = 0; i < bound; i += L) {
					FloatVector.fromArray(S, x, off + i)
						.add(FloatVector.fromArray(S, residual, off + i))
						.intoArray(out, off + i);
				}
				for (int i = bound; i < d; i++) {
					out[off + i] = x[off + i] + residual[off + i];
				}
				source = out;
			}
			FloatVector acc = FloatVector.zero(S);
			for (int i = 0; i < bound; i += L) {
				acc = acc.add(FloatVector.fromArray(S, source, off + i));
			}
			double sum = sum(acc, lanes);
			for (int i = bound; i < d; i++) {
				sum += source[off + i];
			}
			float mean = (float) (sum / d);
			FloatVector squares = FloatVector.zero(S);
			for (int i = 0; i < bound; i += L) {
				FloatVector c = FloatVector.fromArray(S, source, off + i).sub(mean);
				squares = c.fma(c, squares);
			}
			double sumSquares = sum(squares, lanes);
			for (int i = bound; i < d; i++) {
				double c = source[off + i] - mean;
				sumSquares += c * c;
			}
			float inv = (float) (1 / Math.sqrt(sumSquares / d + epsilon));
			for (int i = 0; i < bound; i += L) {
				FloatVector c = FloatVector.fromArray(S, source, off + i).sub(mean).mul(inv);
				c.fma(FloatVector.fromArray(S, gamma, i), FloatVector.fromArray(S, beta, i)).intoArray(out, off + i);
			}
			for (int i = bound; i < d; i++) {
				out[off + i] = (source[off + i] - mean) * inv * gamma[i] + beta[i];
			}
		}
	}

	@Override
	public void attend(float[] q, float[] k, float[] v, float[] out, int d, int start, int length, int col, int dHead,
			double scale, boolean causal) {
		// keys of this head transposed, [dHead, padded], so scores run along the keys;
		// the lanes past the visible keys hold garbage that the masks keep out of max and
		// sum
		int padded = (length + L - 1) / L * L;
		float[] keys = new float[dHead * padded];
		for (int j = 0; j < length; j++) {
			int kj = (start + j) * d + col;
			for (int t = 0; t < dHead; t++) {
				keys[t * padded + j] = k[kj + t];
			}
		}
		float[] scores = new float[QUERIES * padded];
		float[] scaled = new float[QUERIES * dHead];
		float[] lanes = new float[L];
		float[] inverse = new float[QUERIES];
		float factor = (float) scale;
		int i = 0;
		if (!causal) {
			// four queries at a time: four independent chains of multiply-adds where one
			// query alone waits on each; every query's terms are the same, in the same
			// order, as alone
			for (; i + QUERIES <= length; i += QUERIES) {
				for (int r = 0; r < QUERIES; r++) {
					int qi = (start + i + r) * d + col;
					for (int t = 0; t < dHead; t++) {
						scaled[r * dHead + t] = q[qi + t] * factor;
					}
				}
				scores4(keys, padded, scaled, dHead, length, scores);
				for (int r = 0; r < QUERIES; r++) {
					inverse[r] = softmax(scores, r * padded, length, lanes);
				}
				weighted4(v, d, start, length, col, dHead, scores, padded, inverse, out, (start + i) * d + col);
			}
		}
		for (; i < length; i++) {
			int qi = (start + i) * d + col;
			int visible = causal ? i + 1 : length;
			for (int t = 0; t < dHead; t++) {
				scaled[t] = q[qi + t] * factor;
			}
			for (int j = 0; j < visible; j += L) {
				FloatVector acc = FloatVector.zero(S);
				for (int t = 0; t < dHead; t++) {
					acc = FloatVector.fromArray(S, keys, t * padded + j).fma(FloatVector.broadcast(S, scaled[t]), acc);
				}
				acc.intoArray(scores, j);
			}
			float scaleBack = softmax(scores, 0, visible, lanes);
			int oi = (start + i) * d + col;
			int t = 0;
			for (; t + L <= dHead; t += L) {
				FloatVector acc = FloatVector.zero(S);
				for (int j = 0; j < visible; j++) {
					acc = FloatVector.fromArray(S, v, (start + j) * d + col + t)
						.fma(FloatVector.broadcast(S, scores[j]), acc);
				}
				acc.mul(scaleBack).intoArray(out, oi + t);
			}
			for (; t < dHead; t++) {
				out[oi + t] = weightedTail(v, d, start, visible, col + t, scores, 0) * scaleBack;
			}
		}
	}

	/**
	 * The scores of {@value #QUERIES} queries ({@code scaled}, [4, dHead]) against the
	 * keys {@code [0, length)}, into {@code scores} [4, padded].
	 */
	private static void scores4(float[] keys, int padded, float[] scaled, int dHead, int length, float[] scores) {
		for (int j = 0; j < length; j += L) {
			FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
			for (int t = 0; t < dHead; t++) {
				FloatVector key = FloatVector.fromArray(S, keys, t * padded + j);
				a0 = key.fma(FloatVector.broadcast(S, scaled[t]), a0);
				a1 = key.fma(FloatVector.broadcast(S, scaled[dHead + t]), a1);
				a2 = key.fma(FloatVector.broadcast(S, scaled[2 * dHead + t]), a2);
				a3 = key.fma(FloatVector.broadcast(S, scaled[3 * dHead + t]), a3);
			}
			a0.intoArray(scores, j);
			a1.intoArray(scores, padded + j);
			a2.intoArray(scores, 2 * padded + j);
			a3.intoArray(scores, 3 * padded + j);
		}
	}

	/**
	 * {@code scores[from, from + visible)} replaced by {@code e^(s − max)}.
	 * @return 1 / their sum
	 */
	private static float softmax(float[] scores, int from, int visible, float[] lanes) {
		FloatVector maxes = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
		for (int j = 0; j < visible; j += L) {
			maxes = maxes.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, scores, from + j),
					S.indexInRange(j, visible));
		}
		float max = maxes.reduceLanes(VectorOperators.MAX);
		FloatVector sums = FloatVector.zero(S);
		for (int j = 0; j < visible; j += L) {
			FloatVector e = exp(FloatVector.fromArray(S, scores, from + j).sub(max));
			e.intoArray(scores, from + j);
			sums = sums.add(e, S.indexInRange(j, visible));
		}
		return (float) (1 / sum(sums, lanes));
	}

	/**
	 * {@value #QUERIES} queries' weighted values: row {@code r} of {@code out} from
	 * {@code o} gets {@code Σⱼ scores[r·padded + j]·v[j] · inverse[r]}.
	 */
	private static void weighted4(float[] v, int d, int start, int length, int col, int dHead, float[] scores,
			int padded, float[] inverse, float[] out, int o) {
		int t = 0;
		for (; t + L <= dHead; t += L) {
			FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
			for (int j = 0; j < length; j++) {
				FloatVector value = FloatVector.fromArray(S, v, (start + j) * d + col + t);
				a0 = value.fma(FloatVector.broadcast(S, scores[j]), a0);
				a1 = value.fma(FloatVector.broadcast(S, scores[padded + j]), a1);
				a2 = value.fma(FloatVector.broadcast(S, scores[2 * padded + j]), a2);
				a3 = value.fma(FloatVector.broadcast(S, scores[3 * padded + j]), a3);
			}
			a0.mul(inverse[0]).intoArray(out, o + t);
			a1.mul(inverse[1]).intoArray(out, o + d + t);
			a2.mul(inverse[2]).intoArray(out, o + 2 * d + t);
			a3.mul(inverse[3]).intoArray(out, o + 3 * d + t);
		}
		for (; t < dHead; t++) {
			for (int r = 0; r < QUERIES; r++) {
				out[o + r * d + t] = weightedTail(v, d, start, length, col + t, scores, r * padded) * inverse[r];
			}
		}
	}

	/** {@code Σⱼ scores[from + j]·v[start + j][column]} for j below {@code visible}. */
	private static float weightedTail(float[] v, int d, int start, int visible, int column, float[] scores, int from) {
		float acc = 0;
		for (int j = 0; j < visible; j++) {
			acc += scores[from + j] * v[(start + j) * d + column];
		}
		return acc;
	}

	/**
	 * Over each panel of 3 vectors' width: blocks of 8 rows × 3 vectors (24 accumulators
	 * and 3 weight vectors of AVX-512's 32 registers; each loaded weight vector serves 8
	 * rows, each broadcast input 3 vectors; 4 rows where the registers are 16), then 4
	 * rows, then single rows; a narrower last panel by single vectors, then scalar
	 * columns. The 8-row blocks read their rows packed ({@link #pack}), a chunk of rows
	 * at a time for all the panels asked for: the block ran at ≈ 112 GFLOPS per core from
	 * packed rows against ≈ 88 from 8 strided rows (the same loop; AVX-512, k =
	 * 64–1,536). Every path adds the same terms in the same order.
	 */
	@Override
	public void affine(float[] x, int k, float[] panels, int n, float[] b, float[] out, int rowFrom, int rowTo,
			int colFrom, int colTo) {
		// a zero bias rather than a branch in the blocks, and no helper methods in them:
		// C2 stops inlining ordinary calls past NodeCountInliningCutoff, and a block8
		// whose last stores were left as calls boxed its accumulators on every term (5x
		// slower); +0 plus the terms gives the same bits as no bias
		float[] bias = b != null ? b : new float[n];
		int wideTo = Math.min(colTo, n / PANEL * PANEL);
		int packedTo = WIDE_BLOCK && wideTo > colFrom ? rowFrom + (rowTo - rowFrom) / 8 * 8 : rowFrom;
		if (packedTo > rowFrom) {
			int chunk = Math.max(8, PACKED_FLOATS / k / 8 * 8);
			float[] packed = takePackBuffer(Math.min(chunk, packedTo - rowFrom) * k);
			try {
				for (int i = rowFrom; i < packedTo; i += chunk) {
					int to = Math.min(packedTo, i + chunk);
					pack(x, k, i, to, packed);
					for (int j = colFrom; j < wideTo; j += PANEL) {
						for (int r = i; r < to; r += 8) {
							block8(packed, (r - i) * k, k, panels, j * k, n, bias, out, r, j);
						}
					}
				}
			}
			finally {
				PACK_BUFFERS.offer(packed);
			}
		}
		for (int j = colFrom; j < colTo; j += PANEL) {
			int width = Math.min(PANEL, n - j);
			int base = j * k;
			if (width == PANEL) {
				int i = packedTo;
				for (; i + 4 <= rowTo; i += 4) {
					block4(x, k, panels, base, n, bias, out, i, j);
				}
				for (; i < rowTo; i++) {
					row(x, k, panels, base, n, bias, out, i, j);
				}
			}
			else {
				narrow(x, k, panels, base, width, n, bias, out, rowFrom, rowTo, j);
			}
		}
	}

	/**
	 * A buffer for packed rows, at least {@code floats} long (asked for at most
	 * {@value #PACKED_FLOATS} floats or 8 rows): a kept one when one is free and long
	 * enough, else a new one. Give it back to {@link #PACK_BUFFERS}.
	 */
	private static float[] takePackBuffer(int floats) {
		float[] buffer = PACK_BUFFERS.poll();
		return buffer != null && buffer.length >= floats ? buffer : new float[Math.max(floats, PACKED_FLOATS)];
	}

	/**
	 * Rows {@code [rowFrom, rowTo)} of {@code x} (a multiple of 8 of them) in groups of 8
	 * rows, each group term by term:
	 * {@code packed[g·8k + p·8 + r] = x[rowFrom + 8g + r][p]}.
	 * @param packed Modified: its first {@code (rowTo − rowFrom)·k} floats.
	 */
	static void pack(float[] x, int k, int rowFrom, int rowTo, float[] packed) {
		int o = 0;
		for (int i = rowFrom; i < rowTo; i += 8) {
			int x0 = i * k;
			for (int p = 0; p < k; p++, o += 8) {
				int xp = x0 + p;
				packed[o] = x[xp];
				packed[o + 1] = x[xp + k];
				packed[o + 2] = x[xp + 2 * k];
				packed[o + 3] = x[xp + 3 * k];
				packed[o + 4] = x[xp + 4 * k];
				packed[o + 5] = x[xp + 5 * k];
				packed[o + 6] = x[xp + 6 * k];
				packed[o + 7] = x[xp + 7 * k];
			}
		}
	}

	/**
	 * Rows {@code [i, i+8)}, columns {@code [j, j+3L)}: the rows packed at {@code xp}
	 * ({@link #pack}), the panel at {@code w}.
	 */
	private static void block8(float[] packed, int xp, int k, float[] panels, int w, int n, float[] b, float[] out,
			int i, int j) {
		FloatVector c00 = FloatVector.fromArray(S, b, j), c01 = FloatVector.fromArray(S, b, j + L),
				c02 = FloatVector.fromArray(S, b, j + 2 * L);
		FloatVector c10 = c00, c11 = c01, c12 = c02;
		FloatVector c20 = c00, c21 = c01, c22 = c02;
		FloatVector c30 = c00, c31 = c01, c32 = c02;
		FloatVector c40 = c00, c41 = c01, c42 = c02;
		FloatVector c50 = c00, c51 = c01, c52 = c02;
		FloatVector c60 = c00, c61 = c01, c62 = c02;
		FloatVector c70 = c00, c71 = c01, c72 = c02;
		for (int end = xp + 8 * k; xp < end; xp += 8, w += PANEL) {
			FloatVector w0 = FloatVector.fromArray(S, panels, w);
			FloatVector w1 = FloatVector.fromArray(S, panels, w + L);
			FloatVector w2 = FloatVector.fromArray(S, panels, w + 2 * L);
			FloatVector a = FloatVector.broadcast(S, packed[xp]);
			c00 = w0.fma(a, c00);
			c01 = w1.fma(a, c01);
			c02 = w2.fma(a, c02);
			a = FloatVector.broadcast(S, packed[xp + 1]);
			c10 = w0.fma(a, c10);
			c11 = w1.fma(a, c11);
			c12 = w2.fma(a, c12);
			a = FloatVector.broadcast(S, packed[xp + 2]);
			c20 = w0.fma(a, c20);
			c21 = w1.fma(a, c21);
			c22 = w2.fma(a, c22);
			a = FloatVector.broadcast(S, packed[xp + 3]);
			c30 = w0.fma(a, c30);
			c31 = w1.fma(a, c31);
			c32 = w2.fma(a, c32);
			a = FloatVector.broadcast(S, packed[xp + 4]);
			c40 = w0.fma(a, c40);
			c41 = w1.fma(a, c41);
			c42 = w2.fma(a, c42);
			a = FloatVector.broadcast(S, packed[xp + 5]);
			c50 = w0.fma(a, c50);
			c51 = w1.fma(a, c51);
			c52 = w2.fma(a, c52);
			a = FloatVector.broadcast(S, packed[xp + 6]);
			c60 = w0.fma(a, c60);
			c61 = w1.fma(a, c61);
			c62 = w2.fma(a, c62);
			a = FloatVector.broadcast(S, packed[xp + 7]);
			c70 = w0.fma(a, c70);
			c71 = w1.fma(a, c71);
			c72 = w2.fma(a, c72);
		}
		int o = i * n + j;
		c00.intoArray(out, o);
		c01.intoArray(out, o + L);
		c02.intoArray(out, o + 2 * L);
		o += n;
		c10.intoArray(out, o);
		c11.intoArray(out, o + L);
		c12.intoArray(out, o + 2 * L);
		o += n;
		c20.intoArray(out, o);
		c21.intoArray(out, o + L);
		c22.intoArray(out, o + 2 * L);
		o += n;
		c30.intoArray(out, o);
		c31.intoArray(out, o + L);
		c32.intoArray(out, o + 2 * L);
		o += n;
		c40.intoArray(out, o);
		c41.intoArray(out, o + L);
		c42.intoArray(out, o + 2 * L);
		o += n;
		c50.intoArray(out, o);
		c51.intoArray(out, o + L);
		c52.intoArray(out, o + 2 * L);
		o += n;
		c60.intoArray(out, o);
		c61.intoArray(out, o + L);
		c62.intoArray(out, o + 2 * L);
		o += n;
		c70.intoArray(out, o);
		c71.intoArray(out, o + L);
		c72.intoArray(out, o + 2 * L);
	}

	/** Rows {@code [i, i+4)}, columns {@code [j, j+3L)}: the panel at {@code w}. */
	private static void block4(float[] x, int k, float[] panels, int w, int n, float[] b, float[] out, int i, int j) {
		FloatVector c00 = FloatVector.fromArray(S, b, j), c01 = FloatVector.fromArray(S, b, j + L),
				c02 = FloatVector.fromArray(S, b, j + 2 * L);
		FloatVector c10 = c00, c11 = c01, c12 = c02;
		FloatVector c20 = c00, c21 = c01, c22 = c02;
		FloatVector c30 = c00, c31 = c01, c32 = c02;
		int xp = i * k;
		for (int end = xp + k; xp < end; xp++, w += PANEL) {
			FloatVector w0 = FloatVector.fromArray(S, panels, w);
			FloatVector w1 = FloatVector.fromArray(S, panels, w + L);
			FloatVector w2 = FloatVector.fromArray(S, panels, w + 2 * L);
			FloatVector a = FloatVector.broadcast(S, x[xp]);
			c00 = w0.fma(a, c00);
			c01 = w1.fma(a, c01);
			c02 = w2.fma(a, c02);
			a = FloatVector.broadcast(S, x[xp + k]);
			c10 = w0.fma(a, c10);
			c11 = w1.fma(a, c11);
			c12 = w2.fma(a, c12);
			a = FloatVector.broadcast(S, x[xp + 2 * k]);
			c20 = w0.fma(a, c20);
			c21 = w1.fma(a, c21);
			c22 = w2.fma(a, c22);
			a = FloatVector.broadcast(S, x[xp + 3 * k]);
			c30 = w0.fma(a, c30);
			c31 = w1.fma(a, c31);
			c32 = w2.fma(a, c32);
		}
		int o = i * n + j;
		c00.intoArray(out, o);
		c01.intoArray(out, o + L);
		c02.intoArray(out, o + 2 * L);
		o += n;
		c10.intoArray(out, o);
		c11.intoArray(out, o + L);
		c12.intoArray(out, o + 2 * L);
		o += n;
		c20.intoArray(out, o);
		c21.intoArray(out, o + L);
		c22.intoArray(out, o + 2 * L);
		o += n;
		c30.intoArray(out, o);
		c31.intoArray(out, o + L);
		c32.intoArray(out, o + 2 * L);
	}

	/** Row {@code i}, columns {@code [j, j+3L)}: the panel at {@code w}. */
	private static void row(float[] x, int k, float[] panels, int w, int n, float[] b, float[] out, int i, int j) {
		FloatVector c0 = FloatVector.fromArray(S, b, j), c1 = FloatVector.fromArray(S, b, j + L),
				c2 = FloatVector.fromArray(S, b, j + 2 * L);
		int xp = i * k;
		for (int end = xp + k; xp < end; xp++, w += PANEL) {
			FloatVector a = FloatVector.broadcast(S, x[xp]);
			c0 = FloatVector.fromArray(S, panels, w).fma(a, c0);
			c1 = FloatVector.fromArray(S, panels, w + L).fma(a, c1);
			c2 = FloatVector.fromArray(S, panels, w + 2 * L).fma(a, c2);
		}
		c0.intoArray(out, i * n + j);
		c1.intoArray(out, i * n + j + L);
		c2.intoArray(out, i * n + j + 2 * L);
	}

	/**
	 * Rows {@code [rowFrom, rowTo)} of the last panel, {@code width} (less than 3L)
	 * columns from {@code j}, stored at {@code w}: single vectors, then scalar columns.
	 */
	private static void narrow(float[] x, int k, float[] panels, int w, int width, int n, float[] b, float[] out,
			int rowFrom, int rowTo, int j) {
		int c = 0;
		for (; c + L <= width; c += L) {
			for (int i = rowFrom; i < rowTo; i++) {
				FloatVector acc = FloatVector.fromArray(S, b, j + c);
				int xi = i * k;
				for (int p = 0; p < k; p++) {
					acc = FloatVector.fromArray(S, panels, w + p * width + c)
						.fma(FloatVector.broadcast(S, x[xi + p]), acc);
				}
				acc.intoArray(out, i * n + j + c);
			}
		}
		for (; c < width; c++) {
			for (int i = rowFrom; i < rowTo; i++) {
				float sum = b[j + c];
				int xi = i * k;
				for (int p = 0; p < k; p++) {
					sum = Math.fma(panels[w + p * width + c], x[xi + p], sum);
				}
				out[i * n + j + c] = sum;
			}
		}
	}

	@Override
	public int affinePanelWidth() {
		return PANEL;
	}

	@Override
	public String name() {
		return "Vector API " + S.vectorBitSize() + "-bit";
	}

}
