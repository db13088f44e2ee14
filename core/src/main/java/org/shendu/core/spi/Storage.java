package org.shendu.core.spi;

import org.shendu.core.DType;

/**
 * A block of elements owned by a backend (a Java array on the CPU, device memory on a GPU). The
 * core never looks inside; it passes storages back to the backend that made them. Closing releases
 * the memory at once, without waiting for the garbage collector.
 */
public interface Storage extends AutoCloseable {

    DType dtype();

    /** Number of elements. */
    long length();

    @Override
    void close();
}
