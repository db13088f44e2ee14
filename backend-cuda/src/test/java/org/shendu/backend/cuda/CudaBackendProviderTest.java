package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.spi.Backend;

/**
 * The provider where no GPU loads (CI, this project's build machines): an explicit {@code cuda}
 * fails in one line that says why, and {@code auto} falls back to the CPU. On a machine where the
 * GPU loads, the same test checks that {@code auto} picks it.
 */
class CudaBackendProviderTest {

    @Test
    void registeredAboveTheCpu() {
        CudaBackendProvider p = new CudaBackendProvider();
        assertEquals("cuda", p.name());
        assertTrue(p.priority() > 0);
    }

    @Test
    void explicitCudaFailsInOneLineOrLoads() {
        if (GpuAvailability.reason() == null) {
            Backend b = Device.of("cuda").backend();
            assertEquals("cuda", b.name());
            return;
        }
        ShenduException e = assertThrows(ShenduException.class, () -> Device.of("cuda"));
        String m = e.getMessage();
        System.out.println("Device.of(\"cuda\") here: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.startsWith("device cuda cannot be used: "), m);
        // No GPU on this machine: either the driver library is absent or it finds no device.
        assertTrue(m.contains("driver") || m.contains("device"), m);
        // A second attempt says the same, not "Could not initialize class".
        ShenduException again = assertThrows(ShenduException.class, () -> Device.of("cuda"));
        assertEquals(m, again.getMessage());
    }

    @Test
    void autoFallsBackToTheCpuWithoutAGpu() {
        Device d = Device.of("auto");
        assertEquals(GpuAvailability.reason() == null ? "cuda" : "cpu", d.name());
    }

    @Test
    void mathModeFromTheProperty() {
        assertEquals(MathMode.FP32, MathMode.parse("fp32", "x"));
        assertEquals(MathMode.TF32, MathMode.parse(" TF32 ", "x"));
        ShenduException e = assertThrows(ShenduException.class, () -> MathMode.parse("bf16", "-Dshendu.cuda.math"));
        assertEquals("-Dshendu.cuda.math=bf16: expected fp32 or tf32", e.getMessage());
    }
}
