package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.shendu.core.Device;
import org.shendu.core.sample.SamplerSuite;

/** The sampler checks on the GPU; skipped where CUDA does not load. */
@Tag("gpu")
class CudaSamplerTest extends SamplerSuite {
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
