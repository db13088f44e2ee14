package org.shendu.backend.cpu;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The thread count of the OpenMP runtime (GNU libgomp) that oneDNN runs on; {@link
 * DnnlConvolution} sets it to one and parallelises over the batch itself. oneDNN sizes its parallel
 * regions by {@code omp_get_max_threads()}, which is the machine's core count unless the calling
 * thread sets it; the oneDNN preset maps no OpenMP function, and the environment variable
 * {@code OMP_NUM_THREADS} cannot be set from inside the JVM, so this calls {@code
 * omp_set_num_threads} by its address.
 *
 * <p>JavaCPP calls a function pointer through a small struct whose first field is the pointer;
 * any preset's callback type with a compatible signature can make the call. OpenBLAS's {@code
 * void(int, void*, int)} job callback is used: under the x86-64 System V convention a callee that
 * takes one {@code int} reads the first argument register and ignores the other two.
 */
final class OpenMp {
    private static final LongPointer SET_NUM_THREADS = find();
    /** The count last set on each thread (OpenMP keeps it per calling thread). */
    private static final ThreadLocal<int[]> SET = ThreadLocal.withInitial(() -> new int[] {0});

    private OpenMp() {}

    private static LongPointer find() {
        // The call goes through OpenBLAS's JNI binding, and the argument convention is x86-64's.
        if (!"linux-x86_64".equals(Loader.getPlatform()) || !Sgemm.nativeLoaded()) {
            return null;
        }
        Pointer f = Loader.addressof("omp_set_num_threads");
        return f == null || f.isNull() ? null : new LongPointer(1).put(0, f.address());
    }

    /**
     * Sets the OpenMP thread count of the calling thread to {@code threads}; false when the
     * runtime's entry point was not found (then oneDNN uses all cores).
     */
    static boolean setThreads(int threads) {
        if (SET_NUM_THREADS == null) {
            return false;
        }
        int[] last = SET.get();
        if (last[0] != threads) {
            new openblas_nolapack.openblas_dojob_callback(SET_NUM_THREADS).call(threads, null, 0);
            last[0] = threads;
        }
        return true;
    }
}
