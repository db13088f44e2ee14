package org.shendu.backend.cuda;

import jcuda.CudaException;
import org.shendu.core.ShenduException;

/**
 * Runs one CUDA or cuDNN call and turns its failure into a one-line {@link ShenduException} that names
 * the call: JCuda (with exceptions enabled) reports only the error code, e.g.
 * {@code CUDA_ERROR_OUT_OF_MEMORY}, and the call is what a person needs to find the cause.
 */
final class CudaCall {
    private CudaCall() {}

    /** A call returning a CUresult / cudnnStatus, as JCuda's methods do. */
    @FunctionalInterface
    interface Call {
        int run();
    }

    /** Runs {@code call}; {@code what} names it in the error (e.g. {@code "cuMemAlloc(4096 bytes)"}). */
    static void run(String what, Call call) {
        try {
            call.run();
        } catch (CudaException e) {
            throw new ShenduException(what + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String m) {
        return m == null ? "(no message)" : m.lines().findFirst().orElse(m);
    }
}
