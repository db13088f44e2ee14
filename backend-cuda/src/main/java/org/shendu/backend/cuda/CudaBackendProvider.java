package org.shendu.backend.cuda;

import org.shendu.core.ShenduException;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BackendProvider;

/**
 * Registers the CUDA backend ({@code --device cuda}) with {@link java.util.ServiceLoader}. It ranks
 * above the CPU, so {@code auto} takes the GPU when one loads. Loading fails with one line when
 * the driver ({@code libcuda.so.1}), a device, cuDNN ({@code libcudnn.so.9}) or our kernels are
 * missing; the precision comes from {@code -Dshendu.cuda.math} or {@code SHENDU_CUDA_MATH}
 * ({@code fp32} by default, see {@link MathMode}).
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The first failure, repeated: a native library that failed once will not load on a retry. */
    private static volatile String failure;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Backend load() {
        if (failure != null) {
            throw new ShenduException(failure);
        }
        MathMode math = MathMode.configured();
        CudaDevice device = null;
        try {
            device = new CudaDevice(0);
            return new CudaBackend(device, math);
        } catch (ShenduException e) {
            failure = CudaCall.firstLine(e.getMessage());
            closeQuietly(device);
            throw new ShenduException(failure, e);
        } catch (LinkageError e) {
            // JCudnn's or JCuda's natives, loaded lazily by the first call that needs them.
            failure = (e.getMessage() != null && e.getMessage().toLowerCase().contains("cudnn")
                    ? "cuDNN not found (libcudnn.so.9): " : "a CUDA native library did not load: ")
                    + CudaDevice.innermost(e);
            closeQuietly(device);
            throw new ShenduException(failure, e);
        }
    }

    private static void closeQuietly(CudaDevice device) {
        if (device != null) {
            try {
                device.close();
            } catch (RuntimeException | LinkageError ignored) {
                // The load already failed; its reason is what the user needs.
            }
        }
    }
}
