package org.shendu.backend.cuda;

import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardData;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardFilter;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionForward;
import static jcuda.jcudnn.JCudnn.cudnnCreateConvolutionDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateFilterDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyConvolutionDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyFilterDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnDestroyTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardDataWorkspaceSize;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionBackwardFilterWorkspaceSize;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionForwardAlgorithm_v7;
import static jcuda.jcudnn.JCudnn.cudnnGetConvolutionForwardWorkspaceSize;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolution2dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolutionMathType;
import static jcuda.jcudnn.JCudnn.cudnnSetFilter4dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetTensor4dDescriptor;
import static jcuda.jcudnn.cudnnDataType.CUDNN_DATA_FLOAT;
import static jcuda.jcudnn.cudnnTensorFormat.CUDNN_TENSOR_NCHW;

import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnStatus;
import jcuda.jcudnn.cudnnTensorDescriptor;
import org.shendu.core.ShenduException;

/**
 * Matrix products in {@link MathMode#TF32} as cuDNN 1x1 convolutions, because the GPU machine has no
 * cuBLAS that JCuda can load and cuDNN with {@code CUDNN_DEFAULT_MATH} reaches cuBLAS's TF32 speed
 * (397 / 321 / 210 TFLOP/s at 4096^3 on the H100, shared/tools/gpu/README.md §4). Row-major
 * {@code C [m, n]}:
 * <ul>
 *   <li>{@code A B^T} (A [m,k], B [n,k]) is the convolution forward: x = A as {@code [m, k, 1, 1]},
 *       filter = B as {@code [n, k, 1, 1]}, y = C;</li>
 *   <li>{@code A B} (B [k,n]) is backward data: dy = A as {@code [m, k, 1, 1]}, filter = B as
 *       {@code [k, n, 1, 1]}, dx = C;</li>
 *   <li>{@code A^T B} (A [k,m], B [k,n]) is backward filter: dy = A as {@code [k, m, 1, 1]}, x = B as
 *       {@code [k, n, 1, 1]}, dw = C.</li>
 * </ul>
 * {@code A^T B^T} has no such form and stays on the SGEMM kernel. Accumulation is cuDNN's beta.
 */
final class CudnnGemm implements AutoCloseable {
    /** Products smaller than this many multiply-adds stay on the SGEMM kernel (launch-bound anyway). */
    static final long MIN_MACS = 1L << 22;
    /** Batches longer than this stay on the SGEMM kernel, which runs the whole batch in one launch. */
    static final int MAX_BATCH = 8;

    private final CudnnContext cx;
    private final Map<Key, Plan> plans = new HashMap<>();

    private enum Form { FORWARD, BACKWARD_DATA, BACKWARD_FILTER }

    private record Key(Form form, int m, int n, int k) {}

    private final class Plan {
        final Form form;
        final cudnnTensorDescriptor t1 = new cudnnTensorDescriptor(), t2 = new cudnnTensorDescriptor();
        final cudnnFilterDescriptor f = new cudnnFilterDescriptor();
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        final int algo;
        final long workspaceBytes;

        Plan(Key key) {
            form = key.form();
            int m = key.m(), n = key.n(), k = key.k();
            String at = "GEMM " + m + "x" + n + "x" + k + " as " + form;
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(t1));
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(t2));
            CudaCall.run("cudnnCreateFilterDescriptor", () -> cudnnCreateFilterDescriptor(f));
            CudaCall.run("cudnnCreateConvolutionDescriptor", () -> cudnnCreateConvolutionDescriptor(conv));
            // t1 is the convolution's input side (x or dx), t2 its output side (y or dy).
            int[] x, y, w;
            switch (form) {
                case FORWARD -> { x = new int[] {m, k}; w = new int[] {n, k}; y = new int[] {m, n}; }
                case BACKWARD_DATA -> { x = new int[] {m, n}; w = new int[] {k, n}; y = new int[] {m, k}; }
                default -> { x = new int[] {k, n}; w = new int[] {m, n}; y = new int[] {k, m}; }
            }
            CudaCall.run("cudnnSetTensor4dDescriptor(" + at + ")",
                    () -> cudnnSetTensor4dDescriptor(t1, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, x[0], x[1], 1, 1));
            CudaCall.run("cudnnSetTensor4dDescriptor(" + at + ")",
                    () -> cudnnSetTensor4dDescriptor(t2, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, y[0], y[1], 1, 1));
            CudaCall.run("cudnnSetFilter4dDescriptor(" + at + ")",
                    () -> cudnnSetFilter4dDescriptor(f, CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, w[0], w[1], 1, 1));
            CudaCall.run("cudnnSetConvolution2dDescriptor", () -> cudnnSetConvolution2dDescriptor(conv, 0, 0, 1, 1,
                    1, 1, cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT));
            CudaCall.run("cudnnSetConvolutionMathType", () -> cudnnSetConvolutionMathType(conv, cx.math.cudnnMath));
            int[] count = {0};
            long[] bytes = {0};
            int chosen = -1;
            switch (form) {
                case FORWARD -> {
                    cudnnConvolutionFwdAlgoPerf[] p = new cudnnConvolutionFwdAlgoPerf[16];
                    for (int i = 0; i < p.length; i++) p[i] = new cudnnConvolutionFwdAlgoPerf();
                    CudaCall.run("cudnnGetConvolutionForwardAlgorithm_v7(" + at + ")", () ->
                            cudnnGetConvolutionForwardAlgorithm_v7(cx.handle, t1, f, conv, t2, p.length, count, p));
                    for (int i = 0; i < count[0] && chosen < 0; i++) {
                        if (p[i].status == cudnnStatus.CUDNN_STATUS_SUCCESS) chosen = p[i].algo;
                    }
                    final int a = chosen;
                    if (a >= 0) {
                        CudaCall.run("cudnnGetConvolutionForwardWorkspaceSize", () ->
                                cudnnGetConvolutionForwardWorkspaceSize(cx.handle, t1, f, conv, t2, a, bytes));
                    }
                }
                case BACKWARD_DATA -> {
                    cudnnConvolutionBwdDataAlgoPerf[] p = new cudnnConvolutionBwdDataAlgoPerf[16];
                    for (int i = 0; i < p.length; i++) p[i] = new cudnnConvolutionBwdDataAlgoPerf();
                    CudaCall.run("cudnnGetConvolutionBackwardDataAlgorithm_v7(" + at + ")", () ->
                            cudnnGetConvolutionBackwardDataAlgorithm_v7(cx.handle, f, t2, conv, t1, p.length, count, p));
                    for (int i = 0; i < count[0] && chosen < 0; i++) {
                        if (p[i].status == cudnnStatus.CUDNN_STATUS_SUCCESS) chosen = p[i].algo;
                    }
                    final int a = chosen;
                    if (a >= 0) {
                        CudaCall.run("cudnnGetConvolutionBackwardDataWorkspaceSize", () ->
                                cudnnGetConvolutionBackwardDataWorkspaceSize(cx.handle, f, t2, conv, t1, a, bytes));
                    }
                }
                default -> {
                    cudnnConvolutionBwdFilterAlgoPerf[] p = new cudnnConvolutionBwdFilterAlgoPerf[16];
                    for (int i = 0; i < p.length; i++) p[i] = new cudnnConvolutionBwdFilterAlgoPerf();
                    CudaCall.run("cudnnGetConvolutionBackwardFilterAlgorithm_v7(" + at + ")", () ->
                            cudnnGetConvolutionBackwardFilterAlgorithm_v7(cx.handle, t1, t2, conv, f, p.length, count, p));
                    for (int i = 0; i < count[0] && chosen < 0; i++) {
                        if (p[i].status == cudnnStatus.CUDNN_STATUS_SUCCESS) chosen = p[i].algo;
                    }
                    final int a = chosen;
                    if (a >= 0) {
                        CudaCall.run("cudnnGetConvolutionBackwardFilterWorkspaceSize", () ->
                                cudnnGetConvolutionBackwardFilterWorkspaceSize(cx.handle, t1, t2, conv, f, a, bytes));
                    }
                }
            }
            if (chosen < 0) {
                throw new ShenduException("cuDNN offers no algorithm for " + at);
            }
            algo = chosen;
            workspaceBytes = bytes[0];
        }

        void destroy() {
            cudnnDestroyTensorDescriptor(t1);
            cudnnDestroyTensorDescriptor(t2);
            cudnnDestroyFilterDescriptor(f);
            cudnnDestroyConvolutionDescriptor(conv);
        }
    }

    CudnnGemm(CudnnContext cx) {
        this.cx = cx;
    }

    /** Whether this product goes to cuDNN (TF32 mode, a form cuDNN has, big enough to gain). */
    boolean takes(boolean transA, boolean transB, int batch, int m, int n, int k) {
        return cx.math == MathMode.TF32 && !(transA && transB) && batch <= MAX_BATCH && k > 0
                && (long) m * n * k >= MIN_MACS;
    }

    /** {@code C (+)= op(A) op(B)} for one matrix of the batch; pointers already offset. */
    void multiply(CUdeviceptr a, boolean transA, CUdeviceptr b, boolean transB, CUdeviceptr c, int m, int n, int k,
                  boolean accumulate) {
        Form form = !transA ? (transB ? Form.FORWARD : Form.BACKWARD_DATA) : Form.BACKWARD_FILTER;
        Plan pl = plans.computeIfAbsent(new Key(form, m, n, k), Plan::new);
        CUdeviceptr ws = cx.workspace(pl.workspaceBytes);
        Pointer beta = accumulate ? CudnnContext.ONE : CudnnContext.ZERO;
        switch (form) {
            case FORWARD -> CudaCall.run("cudnnConvolutionForward(GEMM)", () -> cudnnConvolutionForward(cx.handle,
                    CudnnContext.ONE, pl.t1, a, pl.f, b, pl.conv, pl.algo, ws, pl.workspaceBytes, beta, pl.t2, c));
            case BACKWARD_DATA -> CudaCall.run("cudnnConvolutionBackwardData(GEMM)", () ->
                    cudnnConvolutionBackwardData(cx.handle, CudnnContext.ONE, pl.f, b, pl.t2, a, pl.conv, pl.algo, ws,
                            pl.workspaceBytes, beta, pl.t1, c));
            default -> CudaCall.run("cudnnConvolutionBackwardFilter(GEMM)", () ->
                    cudnnConvolutionBackwardFilter(cx.handle, CudnnContext.ONE, pl.t1, b, pl.t2, a, pl.conv, pl.algo,
                            ws, pl.workspaceBytes, beta, pl.f, c));
        }
    }

    @Override
    public void close() {
        plans.values().forEach(Plan::destroy);
        plans.clear();
    }
}
