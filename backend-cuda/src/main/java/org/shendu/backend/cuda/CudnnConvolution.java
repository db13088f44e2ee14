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
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgo;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgo;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionFwdAlgo;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnMathType;
import jcuda.jcudnn.cudnnStatus;
import jcuda.jcudnn.cudnnTensorDescriptor;
import org.shendu.core.ShenduException;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fused convolution ops on cuDNN: forward, backward data (the input gradient, and the forward
 * pass of a transposed convolution) and backward filter. The descriptors and the three algorithms
 * of a geometry are made once and cached: the algorithms are cuDNN's first choice from
 * {@code cudnnGet*Algorithm_v7} (heuristics, no trial runs), restricted to FMA math in
 * {@link MathMode#FP32}. The workspace is the context's shared one.
 */
final class CudnnConvolution implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudnnConvolution.class);
    private final CudnnContext cx;
    private final Map<Key, Plan> plans = new HashMap<>();

    private record Key(ConvGeometry g, int outChannels) {}

    /** Descriptors and chosen algorithms of one geometry. */
    private final class Plan {
        final cudnnTensorDescriptor x = new cudnnTensorDescriptor(), y = new cudnnTensorDescriptor();
        final cudnnFilterDescriptor w = new cudnnFilterDescriptor();
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        final int fwdAlgo, dataAlgo, filterAlgo;
        final long fwdBytes, dataBytes, filterBytes;

        Plan(ConvGeometry g, int o) {
            String at = "conv " + g + " out " + o;
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(x));
            CudaCall.run("cudnnCreateTensorDescriptor", () -> cudnnCreateTensorDescriptor(y));
            CudaCall.run("cudnnCreateFilterDescriptor", () -> cudnnCreateFilterDescriptor(w));
            CudaCall.run("cudnnCreateConvolutionDescriptor", () -> cudnnCreateConvolutionDescriptor(conv));
            CudaCall.run("cudnnSetTensor4dDescriptor(x, " + at + ")", () -> cudnnSetTensor4dDescriptor(x,
                    CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, g.batch(), g.channels(), g.height(), g.width()));
            CudaCall.run("cudnnSetTensor4dDescriptor(y, " + at + ")", () -> cudnnSetTensor4dDescriptor(y,
                    CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, g.batch(), o, g.outHeight(), g.outWidth()));
            CudaCall.run("cudnnSetFilter4dDescriptor(" + at + ")", () -> cudnnSetFilter4dDescriptor(w,
                    CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, o, g.channels(), g.kernelH(), g.kernelW()));
            // Cross-correlation, as the CPU backend (and PyTorch) compute it.
            CudaCall.run("cudnnSetConvolution2dDescriptor(" + at + ")", () -> cudnnSetConvolution2dDescriptor(conv,
                    g.padding(), g.padding(), g.stride(), g.stride(), 1, 1,
                    cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT));
            CudaCall.run("cudnnSetConvolutionMathType", () -> cudnnSetConvolutionMathType(conv, cx.math.cudnnMath));

            int[] count = {0};
            cudnnConvolutionFwdAlgoPerf[] fp = new cudnnConvolutionFwdAlgoPerf[16];
            for (int i = 0; i < fp.length; i++) fp[i] = new cudnnConvolutionFwdAlgoPerf();
            CudaCall.run("cudnnGetConvolutionForwardAlgorithm_v7(" + at + ")", () ->
                    cudnnGetConvolutionForwardAlgorithm_v7(cx.handle, x, w, conv, y, fp.length, count, fp));
            int[][] fs = new int[count[0]][];
            for (int i = 0; i < count[0]; i++) fs[i] = new int[] {fp[i].algo, fp[i].status, fp[i].mathType};
            fwdAlgo = choose(fs, "forward", at);

            cudnnConvolutionBwdDataAlgoPerf[] dp = new cudnnConvolutionBwdDataAlgoPerf[16];
            for (int i = 0; i < dp.length; i++) dp[i] = new cudnnConvolutionBwdDataAlgoPerf();
            CudaCall.run("cudnnGetConvolutionBackwardDataAlgorithm_v7(" + at + ")", () ->
                    cudnnGetConvolutionBackwardDataAlgorithm_v7(cx.handle, w, y, conv, x, dp.length, count, dp));
            int[][] ds = new int[count[0]][];
            for (int i = 0; i < count[0]; i++) ds[i] = new int[] {dp[i].algo, dp[i].status, dp[i].mathType};
            dataAlgo = choose(ds, "backward data", at);

            cudnnConvolutionBwdFilterAlgoPerf[] wp = new cudnnConvolutionBwdFilterAlgoPerf[16];
            for (int i = 0; i < wp.length; i++) wp[i] = new cudnnConvolutionBwdFilterAlgoPerf();
            CudaCall.run("cudnnGetConvolutionBackwardFilterAlgorithm_v7(" + at + ")", () ->
                    cudnnGetConvolutionBackwardFilterAlgorithm_v7(cx.handle, x, y, conv, w, wp.length, count, wp));
            int[][] bs = new int[count[0]][];
            for (int i = 0; i < count[0]; i++) bs[i] = new int[] {wp[i].algo, wp[i].status, wp[i].mathType};
            filterAlgo = choose(bs, "backward filter", at);

            long[] s = {0};
            CudaCall.run("cudnnGetConvolutionForwardWorkspaceSize", () ->
                    cudnnGetConvolutionForwardWorkspaceSize(cx.handle, x, w, conv, y, fwdAlgo, s));
            fwdBytes = s[0];
            CudaCall.run("cudnnGetConvolutionBackwardDataWorkspaceSize", () ->
                    cudnnGetConvolutionBackwardDataWorkspaceSize(cx.handle, w, y, conv, x, dataAlgo, s));
            dataBytes = s[0];
            CudaCall.run("cudnnGetConvolutionBackwardFilterWorkspaceSize", () ->
                    cudnnGetConvolutionBackwardFilterWorkspaceSize(cx.handle, x, y, conv, w, filterAlgo, s));
            filterBytes = s[0];
            // One line per geometry: which algorithms the heuristics gave in this math mode (not
            // yet seen on a GPU for the backward passes) and what workspace they take.
            LOG.info("cuDNN {} math {}: forward {} ({} B), backward data {} ({} B), backward filter {} ({} B)", at,
                    cx.math, cudnnConvolutionFwdAlgo.stringFor(fwdAlgo), fwdBytes,
                    cudnnConvolutionBwdDataAlgo.stringFor(dataAlgo), dataBytes,
                    cudnnConvolutionBwdFilterAlgo.stringFor(filterAlgo), filterBytes);
        }

        void destroy() {
            cudnnDestroyTensorDescriptor(x);
            cudnnDestroyTensorDescriptor(y);
            cudnnDestroyFilterDescriptor(w);
            cudnnDestroyConvolutionDescriptor(conv);
        }
    }

    /**
     * cuDNN's first ranked algorithm (rows of {algo, status, mathType}) that the heuristics could
     * run; in {@link MathMode#FP32} the first whose math type is FMA if there is one. The descriptor's
     * math type stays the mode's, which is what cuDNN executes with.
     */
    private int choose(int[][] ranked, String pass, String at) {
        if (cx.math == MathMode.FP32) {
            for (int[] r : ranked) {
                if (r[1] == cudnnStatus.CUDNN_STATUS_SUCCESS && r[2] == cudnnMathType.CUDNN_FMA_MATH) {
                    return r[0];
                }
            }
        }
        for (int[] r : ranked) {
            if (r[1] == cudnnStatus.CUDNN_STATUS_SUCCESS) {
                return r[0];
            }
        }
        throw new ShenduException("cuDNN offers no " + pass + " algorithm for " + at);
    }

    CudnnConvolution(CudnnContext cx) {
        this.cx = cx;
    }

    private Plan plan(ConvGeometry g, int outChannels) {
        return plans.computeIfAbsent(new Key(g, outChannels), k -> new Plan(k.g(), k.outChannels()));
    }

    private static CUdeviceptr p(Storage s) {
        return CudaStorage.of(s).pointer();
    }

    /** y = conv(x, w). */
    void forward(Storage x, Storage w, int outChannels, ConvGeometry g, Storage y) {
        Plan pl = plan(g, outChannels);
        CUdeviceptr ws = cx.workspace(pl.fwdBytes);
        CudaCall.run("cudnnConvolutionForward", () -> cudnnConvolutionForward(cx.handle, CudnnContext.ONE, pl.x, p(x),
                pl.w, p(w), pl.conv, pl.fwdAlgo, ws, pl.fwdBytes, CudnnContext.ZERO, pl.y, p(y)));
    }

    /** gx = the input gradient (overwritten). */
    void backwardInput(Storage gy, Storage w, int outChannels, ConvGeometry g, Storage gx) {
        Plan pl = plan(g, outChannels);
        CUdeviceptr ws = cx.workspace(pl.dataBytes);
        CudaCall.run("cudnnConvolutionBackwardData", () -> cudnnConvolutionBackwardData(cx.handle, CudnnContext.ONE,
                pl.w, p(w), pl.y, p(gy), pl.conv, pl.dataAlgo, ws, pl.dataBytes, CudnnContext.ZERO, pl.x, p(gx)));
    }

    /** gw (+)= the weight gradient: beta 1 adds into gw, beta 0 overwrites it. */
    void backwardWeight(Storage x, Storage gy, int outChannels, ConvGeometry g, Storage gw, boolean accumulate) {
        Plan pl = plan(g, outChannels);
        CUdeviceptr ws = cx.workspace(pl.filterBytes);
        Pointer beta = accumulate ? CudnnContext.ONE : CudnnContext.ZERO;
        CudaCall.run("cudnnConvolutionBackwardFilter", () -> cudnnConvolutionBackwardFilter(cx.handle,
                CudnnContext.ONE, pl.x, p(x), pl.y, p(gy), pl.conv, pl.filterAlgo, ws, pl.filterBytes, beta, pl.w, p(gw)));
    }

    @Override
    public void close() {
        plans.values().forEach(Plan::destroy);
        plans.clear();
    }
}
