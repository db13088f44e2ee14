package org.shendu.backend.cuda;

import java.lang.ref.Cleaner;
import jcuda.driver.CUdeviceptr;
import org.shendu.core.DType;
import org.shendu.core.spi.Storage;

/**
 * A storage in device memory: a block from the {@link DeviceMemoryPool}, holding {@code length}
 * float32 or int32 elements (both 4 bytes). Closing returns the block to the pool; a later use
 * fails loudly instead of reading memory that another tensor now owns.
 *
 * <p>A storage that becomes unreachable without being closed (a tensor made outside any
 * {@code Scope}) is returned by a {@link Cleaner}: on the CPU the garbage collector frees such
 * arrays, and device memory must not leak where host memory would not. Returning it late is safe
 * for the same reason reuse is: the pool's blocks are only reused by work queued later on the one
 * stream.
 */
final class CudaStorage implements Storage {
    static final int ELEMENT_BYTES = 4;
    private static final Cleaner CLEANER = Cleaner.create();

    private final DType dtype;
    private final long length;
    private final Block block;
    private final Cleaner.Cleanable cleanable;

    /** The device block; the cleaning action holds it, never the storage itself. */
    private static final class Block implements Runnable {
        private final DeviceMemoryPool pool;
        private final long bytes;
        private volatile CUdeviceptr pointer;

        Block(DeviceMemoryPool pool, long bytes) {
            this.pool = pool;
            this.bytes = bytes;
            this.pointer = pool.acquire(bytes);
        }

        @Override
        public synchronized void run() {
            if (pointer != null) {
                pool.release(pointer, bytes);
                pointer = null;
            }
        }
    }

    CudaStorage(DType dtype, long length, DeviceMemoryPool pool) {
        this.dtype = dtype;
        this.length = length;
        this.block = new Block(pool, length * ELEMENT_BYTES);
        this.cleanable = CLEANER.register(this, block);
    }

    /** The device pointer; throws once the storage is closed. */
    CUdeviceptr pointer() {
        CUdeviceptr p = block.pointer;
        if (p == null) {
            throw new IllegalStateException("CUDA storage used after close()");
        }
        return p;
    }

    /** The pointer to element {@code offset}. */
    CUdeviceptr at(long offset) {
        return offset == 0 ? pointer() : pointer().withByteOffset(offset * ELEMENT_BYTES);
    }

    long bytes() {
        return length * ELEMENT_BYTES;
    }

    static CudaStorage of(Storage s) {
        return (CudaStorage) s;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
