package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.OpSuite;

/** The op suite on the composed defaults of the fused ops (what a new backend starts from). */
class ComposedOpTest extends OpSuite {
    @Override
    protected Device device() {
        return Device.of("cpu-composed");
    }
}
