package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.util.Arrays;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import org.shendu.core.DType;
import org.shendu.core.ShenduException;
import org.shendu.core.spi.AxisLayout;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.LstmGeometry;
import org.shendu.core.spi.Storage;
import org.shendu.core.spi.UnaryOp;

/**
 * The CUDA backend: storages in device memory from a caching pool, every primitive a kernel of our
 * own ({@link Kernels}) queued on one stream, convolution and the LSTM through cuDNN
 * ({@link CudnnConvolution}, {@link CudnnLstm}), and in TF32 mode large matrix products too
 * ({@link CudnnGemm}). Nothing waits for the device except a download,
 * which is where a value is really read; errors of earlier kernels surface there too.
 *
 * <p>Semantics are exactly the CPU backend's ({@code CpuBackend}); the results differ only by
 * summation order and, in {@link MathMode#TF32}, by cuDNN's TF32 products.
 */
final class CudaBackend implements Backend {
    private final CudaDevice device;
    private final CUcontext context;
    private final CUstream stream;
    private final DeviceMemoryPool pool;
    private final PinnedStaging staging;
    private final Kernels kernels;
    private final CudnnContext cudnn;
    private final CudnnConvolution conv;
    private final CudnnGemm gemm;
    private final CudnnLstm lstm;
    private final MathMode math;
    /** One int on the device that kernels set when an index is out of range (see common.cuh). */
    private final CudaStorage status;
    private final ThreadLocal<Boolean> contextCurrent = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;

    /**
     * {@code -Dshendu.cuda.cudnn=off} runs convolution and the LSTM as the SPI's composed defaults on
     * our kernels and does not load cuDNN at all: slower, but it separates a cuDNN problem from a
     * kernel problem, and runs where cuDNN is missing.
     */
    static final String CUDNN_PROPERTY = "shendu.cuda.cudnn";

    CudaBackend(CudaDevice device, MathMode math) {
        this(device, math, !"off".equalsIgnoreCase(System.getProperty(CUDNN_PROPERTY, "on").trim()));
    }

    CudaBackend(CudaDevice device, MathMode math, boolean useCudnn) {
        this.device = device;
        this.context = device.context();
        this.stream = device.stream();
        this.math = math;
        contextCurrent.set(true);
        this.pool = new DeviceMemoryPool(this::synchronize);
        this.staging = new PinnedStaging(stream);
        try {
            this.kernels = new Kernels(stream, device.multiprocessors());
        } catch (ShenduException e) {
            throw new ShenduException(Kernels.FATBIN + " does not load on " + device.name() + " (compute capability "
                    + device.computeCapability() + "; it holds sm_80, sm_90 and compute_90 PTX): " + e.getMessage(), e);
        }
        this.cudnn = useCudnn ? new CudnnContext(stream, pool, math) : null;
        this.conv = useCudnn ? new CudnnConvolution(cudnn) : null;
        this.gemm = useCudnn ? new CudnnGemm(cudnn) : null;
        this.lstm = useCudnn ? new CudnnLstm(cudnn, this, stream) : null;
        this.status = (CudaStorage) allocate(DType.INT32, 1);
    }

    /** Makes the context current on the calling thread (once per thread): driver calls need it. */
    void enter() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        if (!contextCurrent.get()) {
            CudaCall.run("cuCtxSetCurrent", () -> cuCtxSetCurrent(context));
            contextCurrent.set(true);
        }
    }

    void synchronize() {
        CudaCall.run("cuStreamSynchronize", () -> cuStreamSynchronize(stream));
    }

    Kernels kernels() {
        return kernels;
    }

    /** The backend's stream (for event timing in CudaMicroBench). */
    CUstream stream() {
        return stream;
    }

    /** cuDNN's GEMM path, or null with cuDNN off (for CudaMicroBench). */
    CudnnGemm gemm() {
        return gemm;
    }

    static CUdeviceptr p(Storage s) {
        return CudaStorage.of(s).pointer();
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String describe() {
        if (cudnn == null) {
            return device.describe() + ", cuDNN off (-D" + CUDNN_PROPERTY + "=off: composed convolution and LSTM, "
                    + "own SGEMM for every product)";
        }
        return device.describe() + ", " + cudnn.describe() + ", math " + math
                + (math == MathMode.FP32 ? " (strict: CUDNN_FMA_MATH, own SGEMM)"
                        : " (cuDNN may use TF32; products of 4M+ multiply-adds as cuDNN 1x1 convolutions)")
                + " (set with -D" + MathMode.PROPERTY + " or " + MathMode.VARIABLE + ")";
    }

    @Override
    public void setThreads(int threads) {
        // The host threads do not matter: the device runs every op.
    }

    /** Memory use for logs. */
    String memory() {
        return pool.describe();
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, long length) {
        enter();
        CudaStorage s = new CudaStorage(dtype, length, pool);
        if (length > 0) {
            memset(s, 0, 0, length);
        }
        return s;
    }

    private void memset(CudaStorage s, int bits, long offset, long length) {
        CudaCall.run("cuMemsetD32Async", () -> cuMemsetD32Async(s.at(offset), bits, length, stream));
    }

    @Override
    public Storage upload(float[] data) {
        enter();
        CudaStorage s = new CudaStorage(DType.FLOAT32, data.length, pool);
        if (data.length > 0) {
            staging.upload(data, s.pointer());
        }
        return s;
    }

    @Override
    public Storage upload(int[] data) {
        enter();
        CudaStorage s = new CudaStorage(DType.INT32, data.length, pool);
        if (data.length > 0) {
            staging.upload(data, s.pointer());
        }
        return s;
    }

    @Override
    public float[] download(Storage storage) {
        enter();
        CudaStorage s = CudaStorage.of(storage);
        float[] out = s.length() == 0 ? new float[0] : staging.downloadFloats(s.pointer(), Math.toIntExact(s.length()));
        checkStatus();
        return out;
    }

    @Override
    public int[] downloadInts(Storage storage) {
        enter();
        CudaStorage s = CudaStorage.of(storage);
        int[] out = s.length() == 0 ? new int[0] : staging.downloadInts(s.pointer(), Math.toIntExact(s.length()));
        checkStatus();
        return out;
    }

    /** Throws (once) if a kernel reported a bad index since the last check. */
    private void checkStatus() {
        int code = staging.downloadInts(status.pointer(), 1)[0];
        if (code == 0) {
            return;
        }
        memset(status, 0, 0, 1);
        throw new ShenduException(switch (code) {
            case 1 -> "gatherRows: an id was outside the table (found on the GPU; the op that read it ran earlier)";
            case 2 -> "scatterAddRows: an id was outside the table (found on the GPU; the op ran earlier)";
            case 3 -> "pick: a label was outside 0..cols-1 and not the ignore index (found on the GPU; the op ran earlier)";
            default -> "a CUDA kernel reported status " + code;
        });
    }

    @Override
    public void fill(Storage storage, float value) {
        enter();
        long n = storage.length();
        if (n > 0) {
            memset(CudaStorage.of(storage), Float.floatToRawIntBits(value), 0, n);
        }
    }

    @Override
    public void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long length) {
        enter();
        if (length <= 0) {
            return;
        }
        CUdeviceptr from = CudaStorage.of(src).at(srcOffset), to = CudaStorage.of(dst).at(dstOffset);
        CudaCall.run("cuMemcpyDtoDAsync(" + length * 4 + " bytes)",
                () -> cuMemcpyDtoDAsync(to, from, length * CudaStorage.ELEMENT_BYTES, stream));
    }

    // ---- elementwise --------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float alpha, Storage x, Storage y) {
        enter();
        int n = Math.toIntExact(x.length());
        kernels.launch(Kernels.UNARY_FORWARD, n, op.ordinal(), alpha, p(x), p(y), n);
    }

    @Override
    public void unaryBackward(UnaryOp op, float alpha, Storage x, Storage y, Storage gy, Storage gx) {
        enter();
        int n = Math.toIntExact(x.length());
        kernels.launch(Kernels.UNARY_BACKWARD, n, op.ordinal(), alpha, p(x), p(y), p(gy), p(gx), n);
    }

    /** Pads an index map to the 8 ints of the kernels' {@code Dims8}. */
    static int[] dims8(int[] v, int rank, String what) {
        if (rank > 8) {
            throw new ShenduException(what + ": " + rank + " axes after merging, the CUDA kernels take at most 8");
        }
        return Arrays.copyOf(v, 8);
    }

    @Override
    public void binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage c, int[] cShape) {
        enter();
        int n = Math.toIntExact(c.length());
        if (n == 0) {
            return;
        }
        if (Arrays.equals(aShape, cShape) && Arrays.equals(bShape, cShape)) {
            kernels.launch(Kernels.BINARY_SAME, n, op.ordinal(), p(a), p(b), p(c), n);
            return;
        }
        int[][] co = AxisLayout.coalesce(aShape, bShape, cShape);
        int[] cd = co[0], ad = co[1], bd = co[2];
        int r = cd.length;
        int[] sa = AxisLayout.broadcastStrides(ad), sb = AxisLayout.broadcastStrides(bd);
        kernels.launch(Kernels.BINARY_BROADCAST, n, op.ordinal(), p(a), dims8(sa, r, "binary"), p(b),
                dims8(sb, r, "binary"), p(c), dims8(cd, r, "binary"), r, n);
    }

    @Override
    public void sumTo(Storage x, int[] xShape, Storage y, int[] yShape) {
        enter();
        if (x.length() == 0) {
            fill(y, 0f);
            return;
        }
        Broadcast.Reduction red = Broadcast.reduction(xShape, yShape);
        if (red.columnSum() && red.outputs() >= COLUMN_SUM_MIN) {
            kernels.launch(Kernels.SUM_ROWS, red.outputs(), p(x), red.terms(), red.outputs(), p(y));
            return;
        }
        kernels.launchRows(Kernels.SUM_TO, red.outputs(), p(x),
                dims8(red.keptDims(), red.keptDims().length, "sumTo"), dims8(red.keptStrides(), red.keptDims().length, "sumTo"),
                red.keptDims().length,
                dims8(red.reducedDims(), red.reducedDims().length, "sumTo"),
                dims8(red.reducedStrides(), red.reducedDims().length, "sumTo"), red.reducedDims().length,
                p(y), red.outputs(), red.terms());
    }

    /** Below this many columns a column sum leaves most of the GPU idle; the block-per-output kernel is used. */
    private static final int COLUMN_SUM_MIN = 256;

    @Override
    public void softmax(Storage x, int rows, int cols, Storage y, boolean log) {
        enter();
        if (cols == 0) {
            return;
        }
        kernels.launchRows(Kernels.SOFTMAX_ROWS, rows, p(x), p(y), rows, cols, log ? 1 : 0);
    }

    @Override
    public void softmaxBackward(Storage y, Storage gy, int rows, int cols, Storage gx, boolean log) {
        enter();
        if (cols == 0) {
            return;
        }
        kernels.launchRows(Kernels.SOFTMAX_ROWS_BACKWARD, rows, p(y), p(gy), p(gx), rows, cols, log ? 1 : 0);
    }

    // ---- linear algebra -----------------------------------------------------------------------

    /** Tile edges of the sgemm kernel (TILE_M, TILE_N in matmul.cu). */
    private static final int TILE = 64;
    private static final int MAX_GRID_Z = 65_535;

    @Override
    public void matmul(Storage a, long strideA, boolean transA, Storage b, long strideB, boolean transB,
                       Storage c, long strideC, int batch, int m, int n, int k, boolean accumulate) {
        enter();
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (gemm != null && gemm.takes(transA, transB, batch, m, n, k)) {
            // TF32 mode: large products run on the tensor cores through cuDNN, one call per matrix.
            for (int z = 0; z < batch; z++) {
                boolean acc = strideC == 0 ? accumulate || z > 0 : accumulate;
                gemm.multiply(CudaStorage.of(a).at(z * strideA), transA, CudaStorage.of(b).at(z * strideB), transB,
                        CudaStorage.of(c).at(z * strideC), m, n, k, acc);
            }
            return;
        }
        int gx = (m + TILE - 1) / TILE, gy = (n + TILE - 1) / TILE;
        if (gy > 65_535) {
            throw new ShenduException("matmul with n = " + n + " columns: the CUDA kernel takes at most "
                    + 65_535 * TILE);
        }
        // C with stride 0 sums the batch: the kernel loops over it inside (no atomics, fixed order).
        if (strideC == 0 && batch > 1) {
            kernels.launchGrid(Kernels.SGEMM, gx, gy, 1, Kernels.BLOCK, p(a), strideA, transA ? 1 : 0, p(b), strideB,
                    transB ? 1 : 0, p(c), 0L, batch, 1, m, n, k, accumulate ? 1 : 0);
            return;
        }
        for (int z0 = 0; z0 < batch; z0 += MAX_GRID_Z) {
            int count = Math.min(MAX_GRID_Z, batch - z0);
            kernels.launchGrid(Kernels.SGEMM, gx, gy, count, Kernels.BLOCK, CudaStorage.of(a).at(z0 * strideA), strideA,
                    transA ? 1 : 0, CudaStorage.of(b).at(z0 * strideB), strideB, transB ? 1 : 0,
                    CudaStorage.of(c).at(z0 * strideC), strideC, count, 0, m, n, k, accumulate ? 1 : 0);
        }
    }

    // ---- movement -----------------------------------------------------------------------------

    @Override
    public void permute(Storage x, int[] shape, int[] axes, Storage y) {
        enter();
        int n = Math.toIntExact(y.length());
        int r = shape.length;
        AxisLayout.Permutation perm = AxisLayout.Permutation.of(shape, axes);
        int[] od = perm.dims(), os = perm.inputStrides();
        kernels.launch(Kernels.PERMUTE, n, p(x), p(y), dims8(od, r, "permute"), dims8(os, r, "permute"), r, n);
    }

    @Override
    public void copySlice(Storage src, int[] srcShape, int srcStart, Storage dst, int[] dstShape, int dstStart,
                          int axis, int length, boolean accumulate) {
        enter();
        long outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) {
            outer *= srcShape[i];
        }
        for (int i = axis + 1; i < srcShape.length; i++) {
            inner *= srcShape[i];
        }
        long block = length * inner;
        long n = outer * block;
        if (n == 0) {
            return;
        }
        kernels.launch(Kernels.COPY_SLICE, n, p(src), srcShape[axis] * inner, srcStart * inner, p(dst),
                dstShape[axis] * inner, dstStart * inner, block, accumulate ? 1 : 0, n);
    }

    // ---- indexing -----------------------------------------------------------------------------

    @Override
    public void gatherRows(Storage table, int cols, Storage ids, Storage out) {
        enter();
        int rows = Math.toIntExact(table.length() / Math.max(1, cols));
        int n = Math.toIntExact(ids.length() * cols);
        kernels.launch(Kernels.GATHER_ROWS, n, p(table), rows, cols, p(ids), p(out), n, p(status));
    }

    @Override
    public void scatterAddRows(Storage src, Storage ids, int cols, Storage table) {
        enter();
        int rows = Math.toIntExact(table.length() / Math.max(1, cols));
        int n = Math.toIntExact(ids.length() * cols);
        kernels.launch(Kernels.SCATTER_ADD_ROWS, n, p(src), p(ids), cols, p(table), rows, n, p(status));
    }

    @Override
    public void topkRows(Storage x, int rows, int cols, int k, Storage values, Storage ids) {
        enter();
        kernels.launchRows(Kernels.TOPK_ROWS, rows, p(x), p(values), p(ids), rows, cols, k);
    }

    @Override
    public void pick(Storage x, int rows, int cols, Storage ids, int ignoreIndex, Storage out, Storage valid) {
        enter();
        kernels.launch(Kernels.PICK, rows, p(x), rows, cols, p(ids), ignoreIndex, p(out), p(valid), p(status));
    }

    @Override
    public void pickBackward(Storage gy, Storage ids, int rows, int cols, int ignoreIndex, Storage gx) {
        enter();
        fill(gx, 0f);
        kernels.launch(Kernels.PICK_BACKWARD, rows, p(gy), p(ids), rows, cols, ignoreIndex, p(gx));
    }

    // ---- random -------------------------------------------------------------------------------

    @Override
    public void randomUniform(Storage s, long seed, float lo, float hi) {
        enter();
        int n = Math.toIntExact(s.length());
        kernels.launch(Kernels.RANDOM_UNIFORM, n, p(s), seed, lo, hi, n);
    }

    @Override
    public void randomNormal(Storage s, long seed, float mean, float std) {
        enter();
        int n = Math.toIntExact(s.length());
        kernels.launch(Kernels.RANDOM_NORMAL, n, p(s), seed, mean, std, n);
    }

    @Override
    public void randomBernoulli(Storage s, long seed, float p, float value) {
        enter();
        int n = Math.toIntExact(s.length());
        kernels.launch(Kernels.RANDOM_BERNOULLI, n, p(s), seed, p, value, n);
    }

    // ---- convolution pieces and pooling -------------------------------------------------------

    /** The kernels' {@code ConvGeo} struct. */
    static int[] convGeo(ConvGeometry g) {
        return new int[] {g.batch(), g.channels(), g.height(), g.width(), g.kernelH(), g.kernelW(), g.stride(),
                g.padding(), g.outHeight(), g.outWidth()};
    }

    @Override
    public void im2col(Storage x, ConvGeometry g, Storage cols) {
        enter();
        long n = (long) g.batch() * g.colRows() * g.colCols();
        kernels.launch(Kernels.IM2COL, n, p(x), convGeo(g), p(cols), n);
    }

    @Override
    public void col2im(Storage cols, ConvGeometry g, Storage x) {
        enter();
        long n = (long) g.batch() * g.channels() * g.height() * g.width();
        kernels.launch(Kernels.COL2IM, n, p(cols), convGeo(g), p(x), n);
    }

    @Override
    public void maxPool2d(Storage x, int batchChannels, int height, int width, int kernel, int stride,
                          Storage y, Storage argmax) {
        enter();
        int oh = (height - kernel) / stride + 1, ow = (width - kernel) / stride + 1;
        long n = (long) batchChannels * oh * ow;
        kernels.launch(Kernels.MAX_POOL2D, n, p(x), height, width, kernel, stride, oh, ow, p(y), p(argmax), n);
    }

    @Override
    public void maxPool2dBackward(Storage gy, Storage argmax, Storage gx) {
        enter();
        int n = Math.toIntExact(argmax.length());
        kernels.launch(Kernels.MAX_POOL2D_BACKWARD, n, p(gy), p(argmax), p(gx), n);
    }

    // ---- fused ops ----------------------------------------------------------------------------

    @Override
    public void conv2d(Storage x, Storage w, int outChannels, ConvGeometry g, Storage y) {
        enter();
        if (conv == null) {
            Backend.super.conv2d(x, w, outChannels, g, y);
            return;
        }
        conv.forward(x, w, outChannels, g, y);
    }

    @Override
    public void conv2dBackwardInput(Storage gy, Storage w, int outChannels, ConvGeometry g, Storage gx) {
        enter();
        if (conv == null) {
            Backend.super.conv2dBackwardInput(gy, w, outChannels, g, gx);
            return;
        }
        conv.backwardInput(gy, w, outChannels, g, gx);
    }

    @Override
    public void conv2dBackwardWeight(Storage x, Storage gy, int outChannels, ConvGeometry g, Storage gw,
                                     boolean accumulate) {
        enter();
        if (conv == null) {
            Backend.super.conv2dBackwardWeight(x, gy, outChannels, g, gw, accumulate);
            return;
        }
        conv.backwardWeight(x, gy, outChannels, g, gw, accumulate);
    }

    @Override
    public long lstmReserveLength(LstmGeometry g) {
        enter();
        // Room for either path: cuDNN's, or the composed one for batches with empty sequences.
        if (lstm == null) {
            return Backend.super.lstmReserveLength(g);
        }
        return Math.max(lstm.reserveLength(g), Backend.super.lstmReserveLength(g));
    }

    @Override
    public void lstmForward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage bIh, Storage bHh,
                            Storage h0, Storage c0, int[] lengths, Storage y, Storage hT, Storage cT,
                            Storage reserve) {
        enter();
        if (lstm != null && CudnnLstm.supports(lengths)) {
            lstm.forward(g, x, wIh, wHh, bIh, bHh, h0, c0, lengths, y, hT, cT, reserve);
        } else {
            Backend.super.lstmForward(g, x, wIh, wHh, bIh, bHh, h0, c0, lengths, y, hT, cT, reserve);
        }
    }

    @Override
    public void lstmBackward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage h0, Storage c0,
                             int[] lengths, Storage reserve, Storage gy, Storage ghT, Storage gcT, Storage gx,
                             Storage gwIh, Storage gwHh, Storage gbIh, Storage gbHh, Storage gh0, Storage gc0) {
        enter();
        if (lstm != null && CudnnLstm.supports(lengths)) {
            lstm.backward(g, x, wIh, wHh, h0, c0, lengths, reserve, gy, ghT, gcT, gx, gwIh, gwHh, gbIh, gbHh, gh0, gc0);
        } else {
            Backend.super.lstmBackward(g, x, wIh, wHh, h0, c0, lengths, reserve, gy, ghT, gcT, gx, gwIh, gwHh, gbIh,
                    gbHh, gh0, gc0);
        }
    }

    @Override
    public void adamStep(Storage param, Storage grad, Storage m, Storage v, float lr, float beta1, float beta2,
                         float eps, long step) {
        enter();
        int n = Math.toIntExact(param.length());
        // The bias corrections in the CPU backend's float arithmetic, so both take the same step.
        float bc1 = (float) (1 - Math.pow(beta1, step));
        float rbc2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));
        float stepSize = lr / bc1;
        kernels.launch(Kernels.ADAM_STEP, n, p(param), p(grad), p(m), p(v), stepSize, beta1, beta2, rbc2, eps, n);
    }

    /** Adds {@code n} floats of {@code src} (from element srcOffset) into {@code dst} (from dstOffset). */
    void addInto(CUdeviceptr src, CUdeviceptr dst, int n) {
        kernels.launch(Kernels.ADD_INTO, n, src, dst, n);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        enter();
        synchronize();
        closed = true;
        if (cudnn != null) {
            lstm.close();
            conv.close();
            gemm.close();
            cudnn.close();
        }
        status.close();
        pool.freeCached();
        staging.close();
        kernels.close();
        device.close();
    }
}
