package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * What {@link Kernels#parameters} hands to {@code cuLaunchKernel}, without a GPU: the
 * {@code kernelParams} array JCuda builds from the Java objects (read back from its {@code Pointer}
 * fields). {@link KernelAbiTest} checks the launch table against the compiled kernels; this checks
 * that each declared parameter type really marshals to the number of bytes the PTX expects (an
 * {@code int} where the kernel takes a {@code long long} would read 4 garbage bytes on the GPU),
 * that such a mix-up is refused before the driver, and that a device pointer's element offset
 * ({@link CudaStorage#at}, JCuda's {@code withByteOffset}) travels in the parameter (JCuda's native
 * side adds it: PointerUtils.hpp, NativePointerData::getPointer).
 */
class KernelMarshallingTest {

    private static Object field(Object o, String name) {
        try {
            Field f = Pointer.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("jcuda.Pointer has no field " + name + " (another JCuda version?)", e);
        }
    }

    /** The kernelParams entries: one Pointer per kernel parameter. */
    private static NativePointerObject[] entries(Pointer params) {
        NativePointerObject[] e = (NativePointerObject[]) field(params, "pointers");
        assertNotNull(e, "kernelParams is not an array of pointers");
        return e;
    }

    /** The bytes one kernelParams entry points at. */
    private static int bytes(Pointer entry) {
        NativePointerObject[] pointers = (NativePointerObject[]) field(entry, "pointers");
        if (pointers != null) {
            return 8 * pointers.length; // a pointer to device pointers: 8 bytes each
        }
        Buffer b = (Buffer) field(entry, "buffer");
        assertNotNull(b, "a parameter entry points at neither an array nor a pointer");
        int unit = b instanceof IntBuffer || b instanceof FloatBuffer ? 4
                : b instanceof LongBuffer || b instanceof DoubleBuffer ? 8 : 1;
        return unit * b.capacity();
    }

    private static Object sample(Kernels.Param p) {
        return switch (p) {
            case INT -> 7;
            case FLOAT -> 1.5f;
            case LONG -> 7L;
            case POINTER -> new CUdeviceptr().withByteOffset(12);
            case DIMS8 -> new int[8];
            case CONV_GEO -> new int[10];
        };
    }

    @Test
    void everyKernelMarshalsTheSizesItWasCompiledWith() throws IOException {
        Map<String, List<Integer>> compiled = KernelAbiTest.manifest();
        for (Kernels.Kernel k : Kernels.declared()) {
            Object[] args = k.params().stream().map(KernelMarshallingTest::sample).toArray();
            NativePointerObject[] e = entries(Kernels.parameters(k, args));
            List<Integer> want = compiled.get(k.name());
            assertNotNull(want, k.name() + " is not in the manifest");
            assertEquals(want.size(), e.length, k.name() + ": kernelParams entries");
            for (int i = 0; i < e.length; i++) {
                assertEquals(want.get(i), bytes((Pointer) e[i]), k.name() + " parameter " + i + " (" + k.params().get(i)
                        + "): bytes marshalled vs bytes in the PTX");
            }
        }
    }

    @Test
    void aMismatchedArgumentIsRefusedBeforeTheDriver() {
        CUdeviceptr p = new CUdeviceptr();
        // zero_past_lengths takes its element count as a long long: an int would be 4 bytes short.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.parameters(Kernels.ZERO_PAST_LENGTHS, p, p, 4, 2, 3, 24));
        assertTrue(e.getMessage().startsWith("zero_past_lengths argument 5: expected LONG, got Integer"), e.getMessage());
        // sgemm's strides are long long, its transpose flags int.
        assertThrows(IllegalArgumentException.class, () -> Kernels.parameters(Kernels.SGEMM, p, 0, 0, p, 0L, 0, p, 0L,
                1, 0, 2, 2, 2, 0));
        // A Dims8 is exactly 8 ints, a ConvGeo 10.
        assertThrows(IllegalArgumentException.class, () -> Kernels.parameters(Kernels.PERMUTE, p, p, new int[3],
                new int[8], 3, 10));
        assertThrows(IllegalArgumentException.class, () -> Kernels.parameters(Kernels.IM2COL, p, new int[8], p, 10L));
        // A double where a float is expected, and a wrong count.
        assertThrows(IllegalArgumentException.class, () -> Kernels.parameters(Kernels.UNARY_FORWARD, 0, 1.0, p, p, 4));
        assertThrows(IllegalArgumentException.class, () -> Kernels.parameters(Kernels.ADD_INTO, p, p));
    }

    @Test
    void aDevicePointersOffsetTravelsInItsParameter() {
        CUdeviceptr base = new CUdeviceptr();
        // CudaStorage.at(3) on a float storage: 12 bytes past the block's start.
        NativePointerObject[] e = entries(Kernels.parameters(Kernels.ADD_INTO, base.withByteOffset(3L * 4), base, 4));
        NativePointerObject[] first = (NativePointerObject[]) field(e[0], "pointers");
        assertEquals(1, first.length);
        assertEquals(12L, field(first[0], "byteOffset"));
        NativePointerObject[] second = (NativePointerObject[]) field(e[1], "pointers");
        assertEquals(0L, field(second[0], "byteOffset"));
        // The int count is passed by value, 4 bytes.
        assertEquals(4, bytes((Pointer) e[2]));
    }
}
