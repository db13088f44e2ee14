package org.shendu.backend.cuda;

import static jcuda.jcudnn.JCudnn.cudnnCreate;
import static jcuda.jcudnn.JCudnn.cudnnDestroy;
import static jcuda.jcudnn.JCudnn.cudnnGetVersion;
import static jcuda.jcudnn.JCudnn.cudnnSetStream;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;
import jcuda.runtime.cudaStream_t;
import org.shendu.core.ShenduException;

/**
 * The cuDNN handle, bound to the backend's stream, with what the cuDNN users share: the math mode,
 * the host constants 1 and 0 (alpha and beta), and a workspace grown on demand from the pool.
 */
final class CudnnContext implements AutoCloseable {
    final cudnnHandle handle = new cudnnHandle();
    final MathMode math;
    final DeviceMemoryPool pool;
    static final Pointer ONE = Pointer.to(new float[] {1f});
    static final Pointer ZERO = Pointer.to(new float[] {0f});
    private CUdeviceptr workspace;
    private long workspaceBytes;

    /** Throws with a one-line reason when libcudnn.so.9 (or JCudnn's natives) cannot load. */
    CudnnContext(CUstream stream, DeviceMemoryPool pool, MathMode math) {
        this.pool = pool;
        this.math = math;
        try {
            JCudnn.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            throw new ShenduException("cuDNN not found (libcudnn.so.9): " + CudaDevice.innermost(e), e);
        }
        CudaCall.run("cudnnCreate", () -> cudnnCreate(handle));
        CudaCall.run("cudnnSetStream", () -> cudnnSetStream(handle, new cudaStream_t(stream)));
    }

    /**
     * A workspace of at least {@code bytes}. The same block serves every cuDNN call: they all run on
     * the one stream, one after the other, so none overlaps another's use of it.
     */
    CUdeviceptr workspace(long bytes) {
        if (bytes > workspaceBytes) {
            if (workspace != null) {
                pool.release(workspace, workspaceBytes);
            }
            workspace = pool.acquire(bytes);
            workspaceBytes = bytes;
        }
        return workspace == null ? (workspace = pool.acquire(DeviceMemoryPool.MIN_BLOCK)) : workspace;
    }

    String describe() {
        long v = cudnnGetVersion();
        return "cuDNN " + v / 10000 + "." + v % 10000 / 100 + "." + v % 100;
    }

    @Override
    public void close() {
        if (workspace != null) {
            pool.release(workspace, Math.max(workspaceBytes, DeviceMemoryPool.MIN_BLOCK));
            workspace = null;
        }
        cudnnDestroy(handle);
    }
}
