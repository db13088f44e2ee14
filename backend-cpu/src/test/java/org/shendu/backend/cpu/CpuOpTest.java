package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.OpSuite;

/** The shared op suite on the CPU backend. */
class CpuOpTest extends OpSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
