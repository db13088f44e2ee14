package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CPU backend's float e^x against {@link Math#exp} over the whole float range. */
class CpuExpTest {

    @Test
    void withinTwoTenthsOfAMillionthWhereTheResultIsNormal() {
        double worst = 0;
        for (float x = -87.3f; x < 88.7f; x += 0.0013f) {
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(CpuBackend.exp(x) - want) / want);
        }
        assertTrue(worst < 2e-7, "largest relative error " + worst);
    }

    @Test
    void subnormalResultsUnderflowGradually() {
        for (float x = -103.9f; x < -87.3f; x += 0.01f) {
            double want = Math.exp(x);
            assertEquals(want, CpuBackend.exp(x), Math.max(want * 1e-6, Float.MIN_VALUE * 2), "x = " + x);
        }
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1f, CpuBackend.exp(0f));
        assertEquals(0f, CpuBackend.exp(-200f));
        assertEquals(0f, CpuBackend.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, CpuBackend.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, CpuBackend.exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(CpuBackend.exp(Float.NaN)));
        assertEquals(0.5f, CpuBackend.sigmoid(0f));
        assertEquals(1f, CpuBackend.sigmoid(100f));
        assertEquals(0f, CpuBackend.sigmoid(-200f));
    }
}
