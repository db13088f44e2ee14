package org.shendu.backend.cpu;

import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BackendProvider;

/** Registers the CPU backend with {@link java.util.ServiceLoader}; it always loads. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Backend load() {
        return new CpuBackend(Runtime.getRuntime().availableProcessors());
    }
}
