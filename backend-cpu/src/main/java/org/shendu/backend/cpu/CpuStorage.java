package org.shendu.backend.cpu;

import org.shendu.core.DType;
import org.shendu.core.spi.Storage;

/** A storage on the Java heap: a float array for values or an int array for ids. */
final class CpuStorage implements Storage {
    float[] f;
    int[] i;
    private final DType dtype;
    private final long length;

    CpuStorage(float[] f) {
        this.f = f;
        this.dtype = DType.FLOAT32;
        this.length = f.length;
    }

    CpuStorage(int[] i) {
        this.i = i;
        this.dtype = DType.INT32;
        this.length = i.length;
    }

    static float[] f(Storage s) {
        float[] a = ((CpuStorage) s).f;
        if (a == null) {
            throw new IllegalStateException("float storage used after close() (or an int storage)");
        }
        return a;
    }

    static int[] ints(Storage s) {
        int[] a = ((CpuStorage) s).i;
        if (a == null) {
            throw new IllegalStateException("int storage used after close() (or a float storage)");
        }
        return a;
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
        // Dropping the array is the release on the heap; a later use fails loudly instead of reading stale data.
        f = null;
        i = null;
    }
}
