package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.nn.RecurrentSuite;

/** The recurrent-network checks on the cpu-composed device. */
class ComposedRecurrentTest extends RecurrentSuite {
    @Override
    protected Device device() {
        return Device.of("cpu-composed");
    }
}
