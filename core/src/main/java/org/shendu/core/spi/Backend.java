package org.shendu.core.spi;

import org.shendu.core.DType;

/**
 * The primitives a device must provide, on {@link Storage}s it made, plus a few named fused ops.
 * Every fused op has a default composed of primitives (see {@link ComposedOps}), so a new backend
 * runs as soon as the primitives work and gets fast one override at a time.
 *
 * <p>All tensors are dense and row-major. Shapes of broadcast operands are passed padded to the same
 * rank. Output storages are made by the caller and have the right length; a primitive never
 * allocates its outputs and never reads a storage back to the host, so a GPU backend keeps a
 * training step on the device. Autograd lives in the core: which gradient goes to which input, and
 * the order of the backward pass, are decided by the rule table in {@code Ops}. A backend does
 * compute local derivatives where a rule asks for one ({@link #unaryBackward},
 * {@link #softmaxBackward}, {@link #pickBackward}, the fused ops' backward passes); each has a
 * composed default or a reference it is tested against.
 */
public interface Backend extends AutoCloseable {

    /** The device name, e.g. {@code cpu}. */
    String name();

    /** One line about what runs underneath (library versions, threads), for the log. */
    String describe();

    /** Sets the number of worker threads for ops that parallelise. */
    void setThreads(int threads);

    // ---- memory -------------------------------------------------------------------------

    /** A zero-filled storage. */
    Storage allocate(DType dtype, long length);

    Storage upload(float[] data);

    Storage upload(int[] data);

    float[] download(Storage storage);

    int[] downloadInts(Storage storage);

    void fill(Storage storage, float value);

    /** {@code dst[dstOffset + i] = src[srcOffset + i]} for {@code i < length}. */
    void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long length);

    // ---- elementwise --------------------------------------------------------------------

    /** {@code y = f(x; alpha)}; y may be x. */
    void unary(UnaryOp op, float alpha, Storage x, Storage y);

    /**
     * {@code gx = gy * f'(x)}, given the forward input x and output y. The default composes each
     * derivative from the forward primitives ({@link ComposedOps#unaryBackward}); a backend
     * overrides it with one fused loop (the CPU and CUDA backends do, tested against the default).
     */
    default void unaryBackward(UnaryOp op, float alpha, Storage x, Storage y, Storage gy, Storage gx) {
        ComposedOps.unaryBackward(this, op, alpha, x, y, gy, gx);
    }

    /** {@code c = f(a, b)} with NumPy broadcasting; all three shapes have the same rank. */
    void binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] cShape);

    /**
     * {@code out = cond != 0 ? a : b} elementwise with NumPy broadcasting (NaN in cond counts as true);
     * exact for infinities, NaN and signed zeros. All four shapes have the same rank. The default
     * picks from a {@code [n, 2]} table of the two candidates by the {@link #topkRows} of a 0/1 choice.
     */
    default void where(Storage cond, int[] condShape, Storage a, int[] aShape, Storage b, int[] bShape, Storage out,
                       int[] outShape) {
        ComposedOps.where(this, cond, condShape, a, aShape, b, bShape, out, outShape);
    }

    /**
     * Sums {@code x} down to {@code yShape} (same rank; each dimension equal or 1): the reverse of
     * broadcasting.
     */
    void sumTo(Storage x, int[] xShape, Storage y, int[] yShape);

    /** Softmax (or log-softmax) of each row of a {@code [rows, cols]} matrix. */
    void softmax(Storage x, int rows, int cols, Storage y, boolean log);

    /** The gradient of {@link #softmax} from its output {@code y} and output gradient {@code gy}. */
    void softmaxBackward(Storage y, Storage gy, int rows, int cols, Storage gx, boolean log);

    /**
     * Softmax cross-entropy of each row of logits {@code x [rows, cols]} against int labels:
     * {@code lse[r] = log sum_j e^x[r, j]}, {@code loss[r] = lse[r] - x[r, ids[r]]} and
     * {@code valid[r] = 1}; where {@code ids[r] == ignoreIndex}, {@code loss[r] = valid[r] = 0} (lse
     * is written either way). The default composes {@link #softmax} (log) and {@link #pick}; its
     * backward composes {@link #pickBackward} and {@link #softmaxBackward} (log) from lse.
     */
    default void crossEntropy(Storage x, int rows, int cols, Storage ids, int ignoreIndex, Storage loss,
                              Storage valid, Storage lse) {
        ComposedOps.crossEntropy(this, x, rows, cols, ids, ignoreIndex, loss, valid, lse);
    }

    /**
     * The gradient of {@link #crossEntropy}: {@code gx[r, :] = gLoss[r] (softmax(x[r, :]) - onehot(ids[r]))}
     * with the softmax {@code e^(x - lse)}; 0 on ignored rows. Overwrites gx.
     */
    default void crossEntropyBackward(Storage x, Storage lse, Storage ids, int rows, int cols, int ignoreIndex,
                                      Storage gLoss, Storage gx) {
        ComposedOps.crossEntropyBackward(this, x, lse, ids, rows, cols, ignoreIndex, gLoss, gx);
    }

    /**
     * Batch normalisation in training of {@code x} viewed as {@code [outer, channels, inner]}: per
     * channel c the mean and biased variance over the outer and inner axes, then
     * {@code y = (x - mean[c]) / sqrt(var[c] + eps) gamma[c] + beta[c]}. Writes y, mean and var.
     */
    default void batchNorm(Storage x, int outer, int channels, int inner, Storage gamma, Storage beta, float eps,
                           Storage y, Storage mean, Storage var) {
        ComposedOps.batchNorm(this, x, outer, channels, inner, gamma, beta, eps, y, mean, var);
    }

    /**
     * The gradient of {@link #batchNorm} through the batch statistics: with
     * {@code xhat = (x - mean) / sqrt(var + eps)} and n the values per channel,
     * {@code gBeta = sum gy}, {@code gGamma = sum gy xhat} and
     * {@code gx = gamma / sqrt(var + eps) (gy - gBeta / n - xhat gGamma / n)}. Overwrites all three.
     */
    default void batchNormBackward(Storage x, Storage gy, int outer, int channels, int inner, Storage gamma,
                                   Storage mean, Storage var, float eps, Storage gx, Storage gGamma, Storage gBeta) {
        ComposedOps.batchNormBackward(this, x, gy, outer, channels, inner, gamma, mean, var, eps, gx, gGamma, gBeta);
    }

    // ---- linear algebra -----------------------------------------------------------------

    /**
     * Batched matrix product {@code C_i (+)= op(A_i) op(B_i)} for {@code i < batch}, where
     * {@code op(A)} is {@code [m, k]} and {@code op(B)} is {@code [k, n]}, stored {@code [k, m]} /
     * {@code [n, k]} when transposed. Batch {@code i} starts at {@code i * stride} in each storage;
     * a stride of 0 shares one matrix across the batch (for C: the products are summed).
     */
    void matmul(Storage a, long strideA, boolean transA, Storage b, long strideB, boolean transB,
                Storage c, long strideC, int batch, int m, int n, int k, boolean accumulate);

    // ---- movement -----------------------------------------------------------------------

    /** {@code y = x} with its axes reordered: y's axis i is x's axis {@code axes[i]}. */
    void permute(Storage x, int[] shape, int[] axes, Storage y);

    /**
     * Copies {@code length} slices along {@code axis} from {@code src} (starting at
     * {@code srcStart}) to {@code dst} (starting at {@code dstStart}); both shapes agree except on
     * {@code axis}. Adds instead of overwriting when {@code accumulate}.
     */
    void copySlice(Storage src, int[] srcShape, int srcStart, Storage dst, int[] dstShape, int dstStart,
                   int axis, int length, boolean accumulate);

    // ---- indexing -----------------------------------------------------------------------

    /** {@code out[i, :] = table[ids[i], :]} for a {@code [*, cols]} table and int ids. */
    void gatherRows(Storage table, int cols, Storage ids, Storage out);

    /** {@code table[ids[i], :] += src[i, :]}: the gradient of {@link #gatherRows}. */
    void scatterAddRows(Storage src, Storage ids, int cols, Storage table);

    /**
     * {@code out[r] = x[r, ids[r]]} and {@code valid[r] = 1} for each row of a {@code [rows, cols]}
     * matrix; where {@code ids[r] == ignoreIndex}, {@code out[r] = valid[r] = 0}.
     */
    void pick(Storage x, int rows, int cols, Storage ids, int ignoreIndex, Storage out, Storage valid);

    /** {@code gx = 0; gx[r, ids[r]] = gy[r]} except ignored rows: the gradient of {@link #pick}. */
    void pickBackward(Storage gy, Storage ids, int rows, int cols, int ignoreIndex, Storage gx);

    /**
     * The {@code k} largest entries of each row of a {@code [rows, cols]} matrix, largest first:
     * {@code values [rows, k]} and their column ids {@code ids [rows, k]} (int). Order: NaN ranks
     * above every number, and equal values go lower column first, so the result is one definite
     * answer (the argmax is the first maximum, as NumPy's).
     */
    void topkRows(Storage x, int rows, int cols, int k, Storage values, Storage ids);

    // ---- random -------------------------------------------------------------------------

    /** Uniform in {@code [lo, hi)}; the same seed gives the same numbers on the same backend. */
    void randomUniform(Storage storage, long seed, float lo, float hi);

    void randomNormal(Storage storage, long seed, float mean, float std);

    /** {@code value} with probability {@code p}, else 0 (dropout masks). */
    void randomBernoulli(Storage storage, long seed, float p, float value);

    // ---- convolution and pooling pieces -------------------------------------------------

    /** Unfolds a batch {@code x [N, C, H, W]} into {@code cols [N, C kh kw, oh ow]}. */
    void im2col(Storage x, ConvGeometry g, Storage cols);

    /** Folds {@code cols} back, adding into {@code x}: the adjoint of {@link #im2col}. */
    void col2im(Storage cols, ConvGeometry g, Storage x);

    /**
     * Max pooling with a square window {@code kernel} and {@code stride}, no padding; {@code argmax}
     * (int) records the winning input index of each output for the backward pass.
     */
    void maxPool2d(Storage x, int batchChannels, int height, int width, int kernel, int stride,
                   Storage y, Storage argmax);

    /** {@code gx += gy} routed to the recorded winners. */
    void maxPool2dBackward(Storage gy, Storage argmax, Storage gx);

    // ---- fused ops, each with a composed default ------------------------------------------

    /** {@code y [N, O, oh, ow] = w [O, C kh kw] * im2col(x)} (no bias). */
    default void conv2d(Storage x, Storage w, int outChannels, ConvGeometry g, Storage y) {
        ComposedOps.conv2d(this, x, w, outChannels, g, y);
    }

    /** {@code gx = col2im(w^T gy)}: the input gradient of {@link #conv2d}, overwriting gx. */
    default void conv2dBackwardInput(Storage gy, Storage w, int outChannels, ConvGeometry g, Storage gx) {
        ComposedOps.conv2dBackwardInput(this, gy, w, outChannels, g, gx);
    }

    /** {@code gw (+)= sum_n gy_n im2col(x)_n^T}: the weight gradient of {@link #conv2d}. */
    default void conv2dBackwardWeight(Storage x, Storage gy, int outChannels, ConvGeometry g, Storage gw,
                                      boolean accumulate) {
        ComposedOps.conv2dBackwardWeight(this, x, gy, outChannels, g, gw, accumulate);
    }

    /** Elements of the saved state {@link #lstmForward} keeps for {@link #lstmBackward}. */
    default long lstmReserveLength(LstmGeometry g) {
        return ComposedOps.lstmReserveLength(g);
    }

    /**
     * One LSTM layer in one direction over {@code x [T, B, I]}: for each step
     * {@code gates = x_t wIh^T + h wHh^T + bIh + bHh}, {@code c = f c + i g}, {@code h = o tanh(c)}.
     * Sequence b is {@code lengths[b]} long (null: all T); past its end h and c are carried and its
     * output is 0. Writes {@code y [T, B, H]}, the final {@code hT, cT [B, H]} and {@code reserve}.
     */
    default void lstmForward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage bIh, Storage bHh,
                             Storage h0, Storage c0, int[] lengths, Storage y, Storage hT, Storage cT,
                             Storage reserve) {
        ComposedOps.lstmForward(this, g, x, wIh, wHh, bIh, bHh, h0, c0, lengths, y, hT, cT, reserve);
    }

    /**
     * The gradients of {@link #lstmForward} given {@code gy}, {@code ghT}, {@code gcT}: overwrites
     * {@code gx, gh0, gc0} and adds into {@code gwIh, gwHh, gbIh, gbHh}.
     */
    default void lstmBackward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage h0, Storage c0,
                              int[] lengths, Storage reserve, Storage gy, Storage ghT, Storage gcT,
                              Storage gx, Storage gwIh, Storage gwHh, Storage gbIh, Storage gbHh,
                              Storage gh0, Storage gc0) {
        ComposedOps.lstmBackward(this, g, x, wIh, wHh, h0, c0, lengths, reserve, gy, ghT, gcT,
                gx, gwIh, gwHh, gbIh, gbHh, gh0, gc0);
    }

    /**
     * One Adam update in place (Kingma and Ba 2015): {@code m = b1 m + (1-b1) g},
     * {@code v = b2 v + (1-b2) g^2}, {@code p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
     */
    default void adamStep(Storage param, Storage grad, Storage m, Storage v, float lr, float beta1,
                          float beta2, float eps, long step) {
        ComposedOps.adamStep(this, param, grad, m, v, lr, beta1, beta2, eps, step);
    }

    @Override
    default void close() {}
}
