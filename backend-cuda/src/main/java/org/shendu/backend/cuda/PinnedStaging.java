package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;

/**
 * Host-to-device and device-to-host copies through one page-locked (pinned) host buffer. An
 * asynchronous copy needs pinned memory: a Java array may move under the garbage collector while
 * the DMA engine reads it, so JCuda cannot copy from one asynchronously. An upload copies the
 * array into the buffer and queues the transfer on the stream without waiting for it; the next use
 * of the buffer waits (on an event) for that transfer only. A download queues the transfer and
 * synchronises the stream, because the caller reads the values now: it is the one place a training
 * step waits for the device.
 */
final class PinnedStaging implements AutoCloseable {
    private final CUstream stream;
    private final CUevent lastCopy = new CUevent();
    private Pointer host;
    private ByteBuffer buffer;
    private long capacity;

    PinnedStaging(CUstream stream) {
        this.stream = stream;
        CudaCall.run("cuEventCreate", () -> cuEventCreate(lastCopy, CUevent_flags.CU_EVENT_DISABLE_TIMING));
        CudaCall.run("cuEventRecord", () -> cuEventRecord(lastCopy, stream));
        ensure(1 << 20);
    }

    /** Waits until the previous transfer is done with the buffer, then makes it hold {@code bytes}. */
    private void ensure(long bytes) {
        CudaCall.run("cuEventSynchronize", () -> cuEventSynchronize(lastCopy));
        if (bytes <= capacity) {
            return;
        }
        if (host != null) {
            cuMemFreeHost(host);
        }
        long size = Math.max(bytes, capacity * 2);
        Pointer p = new Pointer();
        CudaCall.run("cuMemAllocHost(" + size + " bytes)", () -> cuMemAllocHost(p, size));
        host = p;
        capacity = size;
        buffer = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    synchronized void upload(float[] data, CUdeviceptr dst) {
        long bytes = 4L * data.length;
        ensure(bytes);
        buffer.clear();
        buffer.asFloatBuffer().put(data);
        queueUpload(dst, bytes);
    }

    synchronized void upload(int[] data, CUdeviceptr dst) {
        long bytes = 4L * data.length;
        ensure(bytes);
        buffer.clear();
        buffer.asIntBuffer().put(data);
        queueUpload(dst, bytes);
    }

    private void queueUpload(CUdeviceptr dst, long bytes) {
        CudaCall.run("cuMemcpyHtoDAsync(" + bytes + " bytes)", () -> cuMemcpyHtoDAsync(dst, host, bytes, stream));
        CudaCall.run("cuEventRecord", () -> cuEventRecord(lastCopy, stream));
    }

    synchronized float[] downloadFloats(CUdeviceptr src, int n) {
        fetch(src, 4L * n);
        float[] out = new float[n];
        buffer.clear();
        buffer.asFloatBuffer().get(out);
        return out;
    }

    synchronized int[] downloadInts(CUdeviceptr src, int n) {
        fetch(src, 4L * n);
        int[] out = new int[n];
        buffer.clear();
        buffer.asIntBuffer().get(out);
        return out;
    }

    /**
     * Queues a device-to-host copy into the buffer and waits for the stream. A kernel that failed
     * earlier on the stream (an illegal address) is reported here, by the synchronisation.
     */
    private void fetch(CUdeviceptr src, long bytes) {
        ensure(bytes);
        CudaCall.run("cuMemcpyDtoHAsync(" + bytes + " bytes)", () -> cuMemcpyDtoHAsync(host, src, bytes, stream));
        CudaCall.run("cuStreamSynchronize (errors of earlier kernels surface here)", () -> cuStreamSynchronize(stream));
    }

    @Override
    public synchronized void close() {
        cuEventSynchronize(lastCopy);
        if (host != null) {
            cuMemFreeHost(host);
            host = null;
        }
        cuEventDestroy(lastCopy);
    }
}
