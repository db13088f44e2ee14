package org.shendu.backend.cuda;

import java.util.Locale;
import jcuda.jcudnn.cudnnMathType;
import org.shendu.core.ShenduException;

/**
 * The precision of the CUDA backend's products, chosen once per process by the system property
 * {@code shendu.cuda.math} or else the environment variable {@code SHENDU_CUDA_MATH}.
 *
 * <p>The default is {@link #FP32}: strict float32 everywhere ({@code CUDNN_FMA_MATH} in cuDNN and our
 * own SGEMM kernel), so the GPU computes what the CPU backend computes, up to summation order, and
 * the op test suite holds with the CPU's tolerances. {@link #TF32} lets cuDNN use the tensor cores'
 * TF32 (a 10-bit mantissa for the products) in convolutions and the LSTM; it is what PyTorch runs
 * on an H100 with {@code allow_tf32} on, and is several times faster for large convolutions.
 */
enum MathMode {
    FP32(cudnnMathType.CUDNN_FMA_MATH),
    TF32(cudnnMathType.CUDNN_DEFAULT_MATH);

    /** The cuDNN math type for convolution and RNN descriptors. */
    final int cudnnMath;

    MathMode(int cudnnMath) {
        this.cudnnMath = cudnnMath;
    }

    static final String PROPERTY = "shendu.cuda.math";
    static final String VARIABLE = "SHENDU_CUDA_MATH";

    /** The mode the property or the environment asks for, else {@link #FP32}. */
    static MathMode configured() {
        String v = System.getProperty(PROPERTY);
        String from = "-D" + PROPERTY;
        if (v == null || v.isBlank()) {
            v = System.getenv(VARIABLE);
            from = VARIABLE;
        }
        if (v == null || v.isBlank()) {
            return FP32;
        }
        return parse(v, from);
    }

    static MathMode parse(String value, String from) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "fp32" -> FP32;
            case "tf32" -> TF32;
            default -> throw new ShenduException(from + "=" + value + ": expected fp32 or tf32");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
