package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shendu.core.Device;

/** Opening the CPU device by name, with its threads set before it is described. */
class CpuDeviceTest {
    @Test
    void threadsAreSetBeforeTheDeviceIsDescribed() {
        int before = Runtime.getRuntime().availableProcessors();
        try {
            Device d = Device.of("cpu", 3);
            assertTrue(d.backend().describe().contains(", 3 threads,"), d.backend().describe());
            assertSame(d, Device.of("cpu", 1));
            assertTrue(d.backend().describe().contains(", 1 threads,"), d.backend().describe());
        } finally {
            Device.of("cpu").threads(before);
        }
    }
}
