package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.sample.SamplerSuite;

/** The sampler's checks on the cpu device. */
class CpuSamplerTest extends SamplerSuite {
    @Override
    protected Device device() {
        return Device.of("cpu");
    }
}
