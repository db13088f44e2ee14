package org.shendu.backend.cpu;

import org.shendu.core.Device;
import org.shendu.core.train.TrainerSuite;

/** The shared training loop's checks on the CPU backend. */
class CpuTrainerTest extends TrainerSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
