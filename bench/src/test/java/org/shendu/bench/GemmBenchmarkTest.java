package org.shendu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;

/** The gemm workload's figures: a product as exact as float32 allows, a positive rate per round. */
class GemmBenchmarkTest {
    @Test
    void aSmallRunReportsTheAnchorsFields() {
        Map<String, Object> rec = GemmBenchmark.run(Device.of("cpu"), 1, 96, 2, 1);
        assertEquals("gemm", rec.get("workload"));
        assertEquals("TFLOP/s", rec.get("unit"));
        double rel = (Double) rec.get("rel_err_vs_fp64");
        assertTrue(rel > 0 && rel < 1e-5, "relative error " + rel);
        assertEquals(2, ((List<?>) rec.get("rounds")).size());
        assertTrue((Double) rec.get("value") > 0);
    }
}
