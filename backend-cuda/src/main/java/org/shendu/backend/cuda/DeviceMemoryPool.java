package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import org.shendu.core.ShenduException;

/**
 * A caching allocator of device memory. {@code cuMemAlloc} and {@code cuMemFree} synchronise the
 * device and cost tens of microseconds, and a training step frees and allocates the same sizes
 * every time, so freed blocks go to a free list per size bucket and the next request of that bucket
 * takes one back. Blocks are reused without waiting because every kernel and copy runs on the
 * backend's one stream: work queued before a block's release finishes before work queued after
 * its reuse.
 *
 * <p>Buckets: powers of two from 256 bytes to 1 MiB, then multiples of 2 MiB, so small tensors waste
 * at most half their block and large ones at most 2 MiB. When the device runs out, the cached
 * blocks are freed and the allocation is tried once more.
 */
final class DeviceMemoryPool {
    static final long MIN_BLOCK = 256;
    private static final long SMALL_LIMIT = 1L << 20;
    private static final long LARGE_STEP = 2L << 20;

    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private final Runnable synchronize;
    private long cachedBytes;
    private long liveBytes;
    private long peakBytes;

    /** {@code synchronize} waits for the stream, before cached blocks are really freed. */
    DeviceMemoryPool(Runnable synchronize) {
        this.synchronize = synchronize;
    }

    /** The block size a request of {@code bytes} gets. */
    static long bucket(long bytes) {
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        if (bytes <= SMALL_LIMIT) {
            return Long.highestOneBit(bytes - 1) << 1;
        }
        return (bytes + LARGE_STEP - 1) / LARGE_STEP * LARGE_STEP;
    }

    /** A block of at least {@code bytes} bytes (contents undefined); give it back with {@link #release}. */
    synchronized CUdeviceptr acquire(long bytes) {
        long size = bucket(bytes);
        ArrayDeque<CUdeviceptr> list = free.get(size);
        CUdeviceptr p = list == null ? null : list.poll();
        if (p != null) {
            cachedBytes -= size;
        } else {
            p = allocate(size);
        }
        liveBytes += size;
        peakBytes = Math.max(peakBytes, liveBytes);
        return p;
    }

    /** Returns a block of the bucket {@code bucket(bytes)} to its free list. */
    synchronized void release(CUdeviceptr p, long bytes) {
        long size = bucket(bytes);
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(p);
        cachedBytes += size;
        liveBytes -= size;
    }

    private CUdeviceptr allocate(long size) {
        CUdeviceptr p = new CUdeviceptr();
        try {
            CudaCall.run("cuMemAlloc(" + size + " bytes)", () -> cuMemAlloc(p, size));
            return p;
        } catch (ShenduException first) {
            if (cachedBytes == 0) {
                throw outOfMemory(size, first);
            }
            freeCached();
            try {
                CudaCall.run("cuMemAlloc(" + size + " bytes)", () -> cuMemAlloc(p, size));
                return p;
            } catch (ShenduException second) {
                throw outOfMemory(size, second);
            }
        }
    }

    private ShenduException outOfMemory(long size, ShenduException e) {
        return new ShenduException(e.getMessage() + " with " + (liveBytes >> 20) + " MiB in use", e);
    }

    /** Frees every cached block (after the stream has finished with them). */
    synchronized void freeCached() {
        if (cachedBytes == 0) {
            return;
        }
        synchronize.run();
        for (ArrayDeque<CUdeviceptr> list : free.values()) {
            for (CUdeviceptr p : list) {
                cuMemFree(p);
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    /** One line for logs: bytes in use, peak and cached. */
    synchronized String describe() {
        return String.format("device memory: %d MiB in use, peak %d MiB, %d MiB cached",
                liveBytes >> 20, peakBytes >> 20, cachedBytes >> 20);
    }

    synchronized long liveBytes() {
        return liveBytes;
    }

    synchronized long cachedBytes() {
        return cachedBytes;
    }
}
