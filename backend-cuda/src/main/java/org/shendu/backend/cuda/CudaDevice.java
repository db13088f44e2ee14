package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import org.shendu.core.ShenduException;

/**
 * One GPU as the backend uses it: the device's primary context (the one the CUDA runtime, and so
 * cuDNN, also uses, so both see the same memory) made current, and one stream that every kernel,
 * copy and cuDNN call of the backend goes to, in order.
 */
final class CudaDevice implements AutoCloseable {
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final String name;
    private final int major, minor, multiprocessors;
    private final long memory;
    private final int driverVersion;

    /**
     * Initialises the driver and opens device {@code ordinal}. Throws {@link ShenduException} with a
     * one-line reason when the driver library is missing or there is no such device.
     */
    CudaDevice(int ordinal) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            // libJCudaDriver links against libcuda.so.1: without the driver it cannot load at all.
            throw new ShenduException("CUDA driver not found (libcuda.so.1): " + innermost(e), e);
        }
        CudaCall.run("cuInit (is there a CUDA device and a working driver?)", () -> cuInit(0));
        int[] count = {0};
        CudaCall.run("cuDeviceGetCount", () -> cuDeviceGetCount(count));
        if (count[0] <= ordinal) {
            throw new ShenduException("no CUDA device " + ordinal + " (the driver sees " + count[0] + ")");
        }
        CudaCall.run("cuDeviceGet(" + ordinal + ")", () -> cuDeviceGet(device, ordinal));
        byte[] buf = new byte[256];
        cuDeviceGetName(buf, buf.length, device);
        String n = new String(buf, java.nio.charset.StandardCharsets.US_ASCII);
        this.name = n.indexOf(0) >= 0 ? n.substring(0, n.indexOf(0)) : n.trim();
        this.major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.minor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] mem = {0};
        cuDeviceTotalMem(mem, device);
        this.memory = mem[0];
        int[] v = {0};
        cuDriverGetVersion(v);
        this.driverVersion = v[0];
        CudaCall.run("cuDevicePrimaryCtxRetain", () -> cuDevicePrimaryCtxRetain(context, device));
        CudaCall.run("cuCtxSetCurrent", () -> cuCtxSetCurrent(context));
        // A blocking stream: it also orders itself after any work on the legacy default stream.
        CudaCall.run("cuStreamCreate", () -> cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT));
    }

    /**
     * The line of a native-library failure that says what is missing. JCuda's UnsatisfiedLinkError
     * carries both load attempts as nested stack traces in one long message; the useful line is
     * the loader's "...: libcuda.so.1: cannot open shared object file" (or an undefined symbol).
     */
    static String innermost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            for (String line : m.split("\n")) {
                if (line.contains("cannot open shared object file") || line.contains("undefined symbol")
                        || line.contains("version `")) {
                    int at = line.indexOf("UnsatisfiedLinkError: ");
                    return (at >= 0 ? line.substring(at + "UnsatisfiedLinkError: ".length()) : line).trim();
                }
            }
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return CudaCall.firstLine(m);
    }

    private int attribute(int attribute) {
        int[] v = {0};
        CudaCall.run("cuDeviceGetAttribute(" + attribute + ")", () -> cuDeviceGetAttribute(v, attribute, device));
        return v[0];
    }

    CUcontext context() {
        return context;
    }

    CUstream stream() {
        return stream;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    String name() {
        return name;
    }

    String computeCapability() {
        return major + "." + minor;
    }

    String describe() {
        return String.format("%s (compute capability %d.%d, %d SMs, %d MiB), driver CUDA %d.%d", name, major, minor,
                multiprocessors, memory >> 20, driverVersion / 1000, driverVersion % 1000 / 10);
    }

    @Override
    public void close() {
        cuStreamDestroy(stream);
        cuDevicePrimaryCtxRelease(device);
    }
}
