package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.nn.LayerSuite;

/** The shared layer gradient checks on the CPU backend. */
class CpuLayerTest extends LayerSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
