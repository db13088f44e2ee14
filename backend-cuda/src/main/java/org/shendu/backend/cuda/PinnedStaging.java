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
 * Host-to-device and device-to-host copies through a few page-locked (pinned) host buffers. An
 * asynchronous copy needs pinned memory: a Java array may move under the garbage collector while
 * the DMA engine reads it, so JCuda cannot copy from one asynchronously.
 *
 * <p>An upload copies the array into the next buffer of a small ring and queues the transfer on the
 * stream without waiting for it. Before a buffer is refilled, its previous transfer must be done;
 * that transfer sits behind everything queued before it on the stream, so with one buffer every
 * upload would wait for the device to catch up. With {@link #SLOTS} buffers a step can upload its
 * batch (ids, labels, masks) while the device still runs the previous step. A download queues the
 * transfer and synchronises the stream, because the caller reads the values now: it is the one
 * place a training step waits for the device.
 */
final class PinnedStaging implements AutoCloseable {
    static final int SLOTS = 4;

    private final CUstream stream;
    private final Slot[] slots = new Slot[SLOTS];
    private int next;

    /** One pinned buffer and the event recorded after its last transfer. */
    private final class Slot {
        final CUevent done = new CUevent();
        Pointer host;
        ByteBuffer buffer;
        long capacity;

        Slot() {
            CudaCall.run("cuEventCreate", () -> cuEventCreate(done, CUevent_flags.CU_EVENT_DISABLE_TIMING));
            CudaCall.run("cuEventRecord", () -> cuEventRecord(done, stream));
        }

        /** Waits until this buffer's previous transfer is done, then makes it hold {@code bytes}. */
        void ready(long bytes) {
            CudaCall.run("cuEventSynchronize", () -> cuEventSynchronize(done));
            if (bytes <= capacity) {
                buffer.clear();
                return;
            }
            if (host != null) {
                cuMemFreeHost(host);
            }
            long size = Math.max(bytes, Math.max(1 << 16, capacity * 2));
            Pointer p = new Pointer();
            CudaCall.run("cuMemAllocHost(" + size + " bytes)", () -> cuMemAllocHost(p, size));
            host = p;
            capacity = size;
            buffer = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        }

        void queueUpload(CUdeviceptr dst, long bytes) {
            CudaCall.run("cuMemcpyHtoDAsync(" + bytes + " bytes)", () -> cuMemcpyHtoDAsync(dst, host, bytes, stream));
            CudaCall.run("cuEventRecord", () -> cuEventRecord(done, stream));
        }

        /** Queues a copy into this buffer and waits for the stream (errors of earlier kernels surface here). */
        void fetch(CUdeviceptr src, long bytes) {
            CudaCall.run("cuMemcpyDtoHAsync(" + bytes + " bytes)", () -> cuMemcpyDtoHAsync(host, src, bytes, stream));
            CudaCall.run("cuStreamSynchronize (errors of earlier kernels surface here)",
                    () -> cuStreamSynchronize(stream));
            CudaCall.run("cuEventRecord", () -> cuEventRecord(done, stream));
        }

        void free() {
            cuEventSynchronize(done);
            if (host != null) {
                cuMemFreeHost(host);
                host = null;
            }
            cuEventDestroy(done);
        }
    }

    PinnedStaging(CUstream stream) {
        this.stream = stream;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    private Slot take(long bytes) {
        Slot s = slots[next];
        next = (next + 1) % SLOTS;
        s.ready(bytes);
        return s;
    }

    synchronized void upload(float[] data, CUdeviceptr dst) {
        long bytes = 4L * data.length;
        Slot s = take(bytes);
        s.buffer.asFloatBuffer().put(data);
        s.queueUpload(dst, bytes);
    }

    synchronized void upload(int[] data, CUdeviceptr dst) {
        long bytes = 4L * data.length;
        Slot s = take(bytes);
        s.buffer.asIntBuffer().put(data);
        s.queueUpload(dst, bytes);
    }

    synchronized float[] downloadFloats(CUdeviceptr src, int n) {
        Slot s = take(4L * n);
        s.fetch(src, 4L * n);
        float[] out = new float[n];
        s.buffer.clear();
        s.buffer.asFloatBuffer().get(out);
        return out;
    }

    synchronized int[] downloadInts(CUdeviceptr src, int n) {
        Slot s = take(4L * n);
        s.fetch(src, 4L * n);
        int[] out = new int[n];
        s.buffer.clear();
        s.buffer.asIntBuffer().get(out);
        return out;
    }

    @Override
    public synchronized void close() {
        for (Slot s : slots) {
            s.free();
        }
    }
}
