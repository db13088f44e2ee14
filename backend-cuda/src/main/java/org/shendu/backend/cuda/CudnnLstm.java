package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.jcudnn.JCudnn.cudnnCreateDropoutDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateRNNDataDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateRNNDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyDropoutDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyRNNDataDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyRNNDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDropoutGetStatesSize;
import static jcuda.jcudnn.JCudnn.cudnnGetRNNTempSpaceSizes;
import static jcuda.jcudnn.JCudnn.cudnnGetRNNWeightParams;
import static jcuda.jcudnn.JCudnn.cudnnGetRNNWeightSpaceSize;
import static jcuda.jcudnn.JCudnn.cudnnRNNBackwardData_v8;
import static jcuda.jcudnn.JCudnn.cudnnRNNBackwardWeights_v8;
import static jcuda.jcudnn.JCudnn.cudnnRNNForward;
import static jcuda.jcudnn.JCudnn.cudnnSetDropoutDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetRNNDataDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetRNNDescriptor_v8;
import static jcuda.jcudnn.JCudnn.cudnnSetTensorNdDescriptor;
import static jcuda.jcudnn.cudnnDataType.CUDNN_DATA_FLOAT;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcudnn.cudnnDirectionMode;
import jcuda.jcudnn.cudnnDropoutDescriptor;
import jcuda.jcudnn.cudnnForwardMode;
import jcuda.jcudnn.cudnnRNNAlgo;
import jcuda.jcudnn.cudnnRNNBiasMode;
import jcuda.jcudnn.cudnnRNNDataDescriptor;
import jcuda.jcudnn.cudnnRNNDataLayout;
import jcuda.jcudnn.cudnnRNNDescriptor;
import jcuda.jcudnn.cudnnRNNInputMode;
import jcuda.jcudnn.cudnnRNNMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnWgradMode;
import org.shendu.core.DType;
import org.shendu.core.ShenduException;
import org.shendu.core.spi.LstmGeometry;
import org.shendu.core.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fused LSTM layer on cuDNN's v8 RNN API ({@code cudnnRNNForward},
 * {@code cudnnRNNBackwardData_v8}, {@code cudnnRNNBackwardWeights_v8}): one layer, one direction,
 * LSTM cells with two bias vectors per gate ({@code CUDNN_RNN_DOUBLE_BIAS}, PyTorch's b_ih and b_hh),
 * sequence-major input {@code [T, B, I]} as the SPI passes it.
 *
 * <p>Algorithm: {@code PERSIST_STATIC_SMALL_H} when every sequence is full length and hidden is at
 * most 128 (on the H100 it is 5-6 times faster than STANDARD at the lstm_sentiment shape and agrees
 * with it to 1e-5, see shared/tools/gpu/README.md); otherwise STANDARD. Sequences of different
 * lengths use {@code SEQ_MAJOR_UNPACKED} with {@code CUDNN_RNN_PADDED_IO_ENABLED}: cuDNN stops each
 * sequence at its length, returns its state at that step as hy / cy (the SPI's "h and c carried past
 * the end") and writes the padding fill 0 into y past the end (the SPI's "output 0"). The input
 * gradient past a sequence's end is 0 in the SPI, but cuDNN leaves dx there undefined: a kernel
 * zeroes those positions of gx (and of y too, so that does not rest on the padding fill alone).
 * cuDNN requires every length to be at least 1, so {@link #supports} sends zero-length sequences
 * to the composed default.
 *
 * <p>The reserve storage the core keeps between the passes holds, 256-byte aligned: cuDNN's reserve
 * space, a copy of y (backward data reads y, and the SPI's backward does not pass it), and the
 * packed weight space of the forward pass (so the backward pass uses exactly the forward's weights,
 * biases included, without repacking).
 */
final class CudnnLstm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudnnLstm.class);
    private static final int PADDED_IO_DISABLED = 0;
    private static final int PADDED_IO_ENABLED = 1;
    /** Hidden sizes up to this use PERSIST_STATIC_SMALL_H (cuDNN's limit for that algorithm). */
    static final int SMALL_H_LIMIT = 128;
    /** Alignment of the regions of the reserve storage, in floats (256 bytes). */
    private static final long ALIGN = 64;

    private final CudnnContext cx;
    private final CudaBackend backend;
    private final CUstream stream;
    private final Map<Key, Plan> plans = new HashMap<>();
    private cudnnDropoutDescriptor dropout;
    private CUdeviceptr dropoutStates;
    private long dropoutBytes;

    private record Key(LstmGeometry g, boolean padded) {}

    CudnnLstm(CudnnContext cx, CudaBackend backend, CUstream stream) {
        this.cx = cx;
        this.backend = backend;
        this.stream = stream;
    }

    /** cuDNN needs every sequence at least one step long. */
    static boolean supports(int[] lengths) {
        if (lengths == null) {
            return true;
        }
        for (int l : lengths) {
            if (l < 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean full(LstmGeometry g, int[] lengths) {
        if (lengths == null) {
            return true;
        }
        for (int l : lengths) {
            if (l != g.steps()) {
                return false;
            }
        }
        return true;
    }

    private static long align(long floats) {
        return (floats + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Descriptors and sizes of one geometry, full-length or padded. */
    private final class Plan {
        final LstmGeometry g;
        final boolean padded;
        final int algo;
        final cudnnRNNDescriptor rnn = new cudnnRNNDescriptor();
        final cudnnRNNDataDescriptor xDesc = new cudnnRNNDataDescriptor(), yDesc = new cudnnRNNDataDescriptor();
        final cudnnTensorDescriptor hDesc = new cudnnTensorDescriptor();
        final cudnnTensorDescriptor mDesc = new cudnnTensorDescriptor(), bDesc = new cudnnTensorDescriptor();
        final long weightBytes, workBytes, reserveBytes;
        /** Floats of the reserve storage before the y copy and before the weight space. */
        final long yOffset, weightOffset, reserveFloats;
        /** The all-T lengths on the device, for full-length plans. */
        final CudaStorage fullLengths;

        Plan(LstmGeometry g, boolean padded, int algo) {
            this.g = g;
            this.padded = padded;
            this.algo = algo;
            int T = g.steps(), B = g.batch(), I = g.inputSize(), H = g.hiddenSize();
            String at = "LSTM " + g + (padded ? " padded" : "") + " algo " + cudnnRNNAlgo.stringFor(algo);
            CudaCall.run("cudnnCreateRNNDescriptor", () -> cudnnCreateRNNDescriptor(rnn));
            CudaCall.run("cudnnCreateRNNDataDescriptor", () -> cudnnCreateRNNDataDescriptor(xDesc));
            CudaCall.run("cudnnCreateRNNDataDescriptor", () -> cudnnCreateRNNDataDescriptor(yDesc));
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(hDesc));
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(mDesc));
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(bDesc));
            cudnnDropoutDescriptor drop = dropout();
            CudaCall.run("cudnnSetRNNDescriptor_v8(" + at + ")", () -> cudnnSetRNNDescriptor_v8(rnn, algo,
                    cudnnRNNMode.CUDNN_LSTM, cudnnRNNBiasMode.CUDNN_RNN_DOUBLE_BIAS,
                    cudnnDirectionMode.CUDNN_UNIDIRECTIONAL, cudnnRNNInputMode.CUDNN_LINEAR_INPUT,
                    CUDNN_DATA_FLOAT, CUDNN_DATA_FLOAT, cx.math.cudnnMath, I, H, H, 1, drop,
                    padded ? PADDED_IO_ENABLED : PADDED_IO_DISABLED));
            int[] all = new int[B];
            Arrays.fill(all, T);
            setLengths(all);
            CudaCall.run("cudnnSetTensorNdDescriptor(h, " + at + ")", () -> cudnnSetTensorNdDescriptor(hDesc,
                    CUDNN_DATA_FLOAT, 3, new int[] {1, B, H}, new int[] {B * H, H, 1}));
            long[] w = {0}, work = {0}, reserve = {0};
            CudaCall.run("cudnnGetRNNWeightSpaceSize(" + at + ")", () -> cudnnGetRNNWeightSpaceSize(cx.handle, rnn, w));
            // With every length at T: the largest reserve this geometry can need.
            CudaCall.run("cudnnGetRNNTempSpaceSizes(" + at + ")", () -> cudnnGetRNNTempSpaceSizes(cx.handle, rnn,
                    cudnnForwardMode.CUDNN_FWD_MODE_TRAINING, xDesc, work, reserve));
            weightBytes = w[0];
            workBytes = work[0];
            reserveBytes = reserve[0];
            yOffset = align((reserveBytes + 3) / 4);
            weightOffset = yOffset + align((long) T * B * H);
            reserveFloats = weightOffset + align((weightBytes + 3) / 4);
            fullLengths = padded ? null : (CudaStorage) backend.upload(all);
            LOG.info("cuDNN {} math {}: weight space {} B, workspace {} B, reserve {} B", at, cx.math, weightBytes,
                    workBytes, reserveBytes);
        }

        void setLengths(int[] lengths) {
            int T = g.steps(), B = g.batch();
            int layout = cudnnRNNDataLayout.CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED;
            CudaCall.run("cudnnSetRNNDataDescriptor(x)", () -> cudnnSetRNNDataDescriptor(xDesc, CUDNN_DATA_FLOAT,
                    layout, T, B, g.inputSize(), lengths, CudnnContext.ZERO));
            CudaCall.run("cudnnSetRNNDataDescriptor(y)", () -> cudnnSetRNNDataDescriptor(yDesc, CUDNN_DATA_FLOAT,
                    layout, T, B, g.hiddenSize(), lengths, CudnnContext.ZERO));
        }

        void destroy() {
            cudnnDestroyRNNDescriptor(rnn);
            cudnnDestroyRNNDataDescriptor(xDesc);
            cudnnDestroyRNNDataDescriptor(yDesc);
            cudnnDestroyTensorDescriptor(hDesc);
            cudnnDestroyTensorDescriptor(mDesc);
            cudnnDestroyTensorDescriptor(bDesc);
            if (fullLengths != null) {
                fullLengths.close();
            }
        }
    }

    /** Dropout 0 between layers (there is one layer), but cuDNN wants a descriptor with states. */
    private cudnnDropoutDescriptor dropout() {
        if (dropout == null) {
            cudnnDropoutDescriptor d = new cudnnDropoutDescriptor();
            CudaCall.run("cudnnCreateDropoutDescriptor", () -> cudnnCreateDropoutDescriptor(d));
            long[] size = {0};
            CudaCall.run("cudnnDropoutGetStatesSize", () -> cudnnDropoutGetStatesSize(cx.handle, size));
            dropoutBytes = Math.max(size[0], DeviceMemoryPool.MIN_BLOCK);
            dropoutStates = cx.pool.acquire(dropoutBytes);
            CudaCall.run("cudnnSetDropoutDescriptor", () -> cudnnSetDropoutDescriptor(d, cx.handle, 0f, dropoutStates,
                    size[0], 1234L));
            dropout = d;
        }
        return dropout;
    }

    private Plan plan(LstmGeometry g, boolean padded) {
        Key key = new Key(g, padded);
        Plan p = plans.get(key);
        if (p == null) {
            p = newPlan(g, padded);
            plans.put(key, p);
        }
        return p;
    }

    private Plan newPlan(LstmGeometry g, boolean padded) {
        if (!padded && g.hiddenSize() <= SMALL_H_LIMIT) {
            try {
                return new Plan(g, false, cudnnRNNAlgo.CUDNN_RNN_ALGO_PERSIST_STATIC_SMALL_H);
            } catch (RuntimeException e) {
                // Not every shape is supported by the persistent kernel; STANDARD always is.
                LOG.info(
                        "cuDNN LSTM {}: PERSIST_STATIC_SMALL_H not available ({}), using STANDARD", g, e.getMessage());
            }
        }
        return new Plan(g, padded, cudnnRNNAlgo.CUDNN_RNN_ALGO_STANDARD);
    }

    /** Floats of the reserve storage: enough for either plan of the geometry. */
    long reserveLength(LstmGeometry g) {
        return Math.max(plan(g, false).reserveFloats, plan(g, true).reserveFloats);
    }

    private static CUdeviceptr p(Storage s) {
        return CudaStorage.of(s).pointer();
    }

    private static CUdeviceptr at(Storage s, long offset) {
        return CudaStorage.of(s).at(offset);
    }

    /** The device lengths of this call (the plan's own for full-length batches). */
    private CudaStorage lengthsOnDevice(Plan pl, int[] lengths) {
        if (!pl.padded) {
            return pl.fullLengths;
        }
        pl.setLengths(lengths);
        return (CudaStorage) backend.upload(lengths);
    }

    /**
     * Calls {@code block} for each of the 16 parameter blocks in {@code space} (cuDNN's addresses):
     * linLayerID 0-3 are the input matrices {@code [H, I]} of gates i, f, g, o (rows {@code id*H..} of
     * wIh), 4-7 the recurrent ones (rows of wHh), each with its bias vector (bIh for 0-3, bHh for 4-7).
     */
    private void forEachBlock(Plan pl, CUdeviceptr space, BlockVisitor visitor) {
        int I = pl.g.inputSize(), H = pl.g.hiddenSize();
        for (int id = 0; id < 8; id++) {
            CUdeviceptr m = new CUdeviceptr(), b = new CUdeviceptr();
            final int lin = id;
            CudaCall.run("cudnnGetRNNWeightParams(" + id + ")", () -> cudnnGetRNNWeightParams(cx.handle, pl.rnn, 0,
                    pl.weightBytes, space, lin, pl.mDesc, m, pl.bDesc, b));
            boolean input = id < 4;
            int gate = id % 4;
            int cols = input ? I : H;
            visitor.visit(input, m, (long) gate * H * cols, H * cols, b, (long) gate * H, H);
        }
    }

    @FunctionalInterface
    private interface BlockVisitor {
        /** The matrix at {@code m} is {@code mLength} floats from {@code mOffset} of wIh (input) or wHh. */
        void visit(boolean input, CUdeviceptr m, long mOffset, int mLength, CUdeviceptr b, long bOffset, int bLength);
    }

    private void copy(CUdeviceptr dst, CUdeviceptr src, long floats) {
        CudaCall.run("cuMemcpyDtoDAsync(LSTM weights)", () -> cuMemcpyDtoDAsync(dst, src, floats * 4, stream));
    }

    void forward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage bIh, Storage bHh, Storage h0,
                 Storage c0, int[] lengths, Storage y, Storage hT, Storage cT, Storage reserve) {
        Plan pl = plan(g, !full(g, lengths));
        CudaStorage seq = lengthsOnDevice(pl, lengths);
        try {
            CUdeviceptr space = at(reserve, pl.weightOffset);
            forEachBlock(pl, space, (input, m, mOff, mLen, b, bOff, bLen) -> {
                copy(m, at(input ? wIh : wHh, mOff), mLen);
                copy(b, at(input ? bIh : bHh, bOff), bLen);
            });
            try {
                run(pl, seq, x, h0, c0, y, hT, cT, space, reserve);
            } catch (ShenduException e) {
                if (pl.algo != cudnnRNNAlgo.CUDNN_RNN_ALGO_PERSIST_STATIC_SMALL_H) {
                    throw e;
                }
                // The persistent kernel can refuse a shape only at run time; STANDARD takes every shape.
                LOG.info("cuDNN LSTM {}: PERSIST_STATIC_SMALL_H failed ({}), using STANDARD", g, e.getMessage());
                Plan standard = new Plan(g, false, cudnnRNNAlgo.CUDNN_RNN_ALGO_STANDARD);
                if (standard.reserveFloats > reserve.length()) {
                    standard.destroy();
                    throw e;
                }
                plans.put(new Key(g, false), standard).destroy();
                forward(g, x, wIh, wHh, bIh, bHh, h0, c0, lengths, y, hT, cT, reserve);
                return;
            }
            long yLen = (long) g.steps() * g.batch() * g.hiddenSize();
            if (pl.padded) {
                // cuDNN writes the padding fill (0) there already; this makes it independent of that.
                zeroPastLengths(y, seq, g, g.hiddenSize());
            }
            copy(at(reserve, pl.yOffset), p(y), yLen);
        } finally {
            if (pl.padded) {
                seq.close();
            }
        }
    }

    private void run(Plan pl, CudaStorage seq, Storage x, Storage h0, Storage c0, Storage y, Storage hT, Storage cT,
                     CUdeviceptr space, Storage reserve) {
        CUdeviceptr work = cx.workspace(pl.workBytes);
        CudaCall.run("cudnnRNNForward(LSTM " + pl.g + ")", () -> cudnnRNNForward(cx.handle, pl.rnn,
                cudnnForwardMode.CUDNN_FWD_MODE_TRAINING, seq.pointer(), pl.xDesc, p(x), pl.yDesc, p(y),
                pl.hDesc, p(h0), p(hT), pl.hDesc, p(c0), p(cT), pl.weightBytes, space, pl.workBytes, work,
                pl.reserveBytes, p(reserve)));
    }

    void backward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage h0, Storage c0, int[] lengths,
                  Storage reserve, Storage gy, Storage ghT, Storage gcT, Storage gx, Storage gwIh, Storage gwHh,
                  Storage gbIh, Storage gbHh, Storage gh0, Storage gc0) {
        Plan pl = plan(g, !full(g, lengths));
        CudaStorage seq = lengthsOnDevice(pl, lengths);
        Storage dw = backend.allocate(DType.FLOAT32, (pl.weightBytes + 3) / 4);
        try {
            CUdeviceptr space = at(reserve, pl.weightOffset), yCopy = at(reserve, pl.yOffset);
            CUdeviceptr work = cx.workspace(pl.workBytes);
            CudaCall.run("cudnnRNNBackwardData_v8(LSTM " + g + ")", () -> cudnnRNNBackwardData_v8(cx.handle, pl.rnn,
                    seq.pointer(), pl.yDesc, yCopy, p(gy), pl.xDesc, p(gx), pl.hDesc, p(h0), p(ghT), p(gh0),
                    pl.hDesc, p(c0), p(gcT), p(gc0), pl.weightBytes, space, pl.workBytes, work, pl.reserveBytes,
                    p(reserve)));
            if (pl.padded) {
                // cuDNN leaves dx past a sequence's end undefined; the SPI's gradient there is 0.
                zeroPastLengths(gx, seq, g, g.inputSize());
            }
            // dw starts at 0 (allocate zero-fills) and cuDNN adds into it.
            CudaCall.run("cudnnRNNBackwardWeights_v8(LSTM " + g + ")", () -> cudnnRNNBackwardWeights_v8(cx.handle,
                    pl.rnn, cudnnWgradMode.CUDNN_WGRAD_MODE_ADD, seq.pointer(), pl.xDesc, p(x), pl.hDesc, p(h0),
                    pl.yDesc, yCopy, pl.weightBytes, p(dw), pl.workBytes, work, pl.reserveBytes, p(reserve)));
            forEachBlock(pl, p(dw), (input, m, mOff, mLen, b, bOff, bLen) -> {
                backend.addInto(m, at(input ? gwIh : gwHh, mOff), mLen);
                backend.addInto(b, at(input ? gbIh : gbHh, bOff), bLen);
            });
        } finally {
            dw.close();
            if (pl.padded) {
                seq.close();
            }
        }
    }

    private void zeroPastLengths(Storage x, CudaStorage lengths, LstmGeometry g, int width) {
        long n = (long) g.steps() * g.batch() * width;
        backend.kernels().launch(Kernels.ZERO_PAST_LENGTHS, n, p(x), lengths.pointer(), g.steps(), g.batch(), width, n);
    }

    @Override
    public void close() {
        plans.values().forEach(Plan::destroy);
        plans.clear();
        if (dropout != null) {
            cudnnDestroyDropoutDescriptor(dropout);
            cx.pool.release(dropoutStates, dropoutBytes);
            dropout = null;
        }
    }
}
