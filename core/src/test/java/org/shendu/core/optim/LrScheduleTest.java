package org.shendu.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void stepDecayIsLrTimesGammaToTheFloorOfTOverEvery() {
        LrSchedule s = LrSchedule.stepDecay(0.1f, 0.5f, 30);
        for (long t : new long[] {0, 29, 30, 59, 60, 95}) {
            assertEquals(0.1 * Math.pow(0.5, Math.floor(t / 30.0)), s.rate(t), 1e-8, "t = " + t);
        }
    }

    @Test
    void cosineFollowsItsFormula() {
        LrSchedule s = LrSchedule.cosine(1e-3f, 1e-5f, 1000);
        for (long t : new long[] {0, 1, 250, 500, 999, 1000, 5000}) {
            double expected = 1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + Math.cos(Math.PI * Math.min(t, 1000) / 1000.0));
            assertEquals(expected, s.rate(t), 1e-9, "t = " + t);
        }
        assertEquals(1e-3, s.rate(0), 1e-9);
        assertEquals((1e-3 + 1e-5) / 2, s.rate(500), 1e-9);
    }

    @Test
    void warmupRisesLinearlyThenHandsOver() {
        LrSchedule s = LrSchedule.constant(0.4f).withWarmup(4);
        assertEquals(0.1f, s.rate(0), 1e-7);
        assertEquals(0.2f, s.rate(1), 1e-7);
        assertEquals(0.4f, s.rate(3), 1e-7);
        assertEquals(0.4f, s.rate(100), 1e-7);
        LrSchedule c = LrSchedule.cosine(1f, 0f, 10, 110); // 10 warm-up steps, then 100 of cosine
        assertEquals(0.5f, c.rate(4), 1e-7);
        assertEquals(1f, c.rate(10), 1e-7);
        assertEquals(0.5f, c.rate(60), 1e-6);
        assertEquals(0f, c.rate(110), 1e-7);
        LrSchedule d = LrSchedule.stepDecay(1f, 0.1f, 5).withWarmup(5);
        assertEquals(1f, d.rate(9), 1e-7);
        assertEquals(0.1f, d.rate(10), 1e-7);
    }
}
