package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.shendu.core.Device;
import org.shendu.core.OpSuite;

/** The shared op suite on the GPU; skipped (with the reason printed) where CUDA does not load. */
@Tag("gpu")
class CudaOpTest extends OpSuite {
    @BeforeAll
    static void gpu() {
        String why = GpuAvailability.reason();
        assumeTrue(why == null, () -> "no GPU: " + why);
    }

    @Override
    protected Device device() {
        return Device.of("cuda");
    }
}
