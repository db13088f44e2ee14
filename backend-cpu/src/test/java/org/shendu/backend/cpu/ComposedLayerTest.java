package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.nn.LayerSuite;

/** The layer gradient checks on the composed defaults of the fused ops. */
class ComposedLayerTest extends LayerSuite {
    @Override
    protected Device device() {
        return Device.of("cpu-composed");
    }
}
