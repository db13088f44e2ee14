package org.shendu.backend.cuda;

import jcuda.driver.CUdeviceptr;
import org.shendu.core.DType;
import org.shendu.core.spi.Storage;

/**
 * A storage in device memory: a block from the {@link DeviceMemoryPool}, holding {@code length}
 * float32 or int32 elements (both 4 bytes). Closing returns the block to the pool; a later use
 * fails loudly instead of reading memory that another tensor now owns.
 */
final class CudaStorage implements Storage {
    static final int ELEMENT_BYTES = 4;

    private final DType dtype;
    private final long length;
    private final DeviceMemoryPool pool;
    private CUdeviceptr pointer;

    CudaStorage(DType dtype, long length, DeviceMemoryPool pool) {
        this.dtype = dtype;
        this.length = length;
        this.pool = pool;
        this.pointer = pool.acquire(bytes());
    }

    /** The device pointer; throws once the storage is closed. */
    CUdeviceptr pointer() {
        CUdeviceptr p = pointer;
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
    public synchronized void close() {
        if (pointer != null) {
            pool.release(pointer, bytes());
            pointer = null;
        }
    }
}
