package org.shendu.core.spi;

/**
 * Registers a backend with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/org.shendu.core.spi.BackendProvider}). The core asks every provider on
 * the class path; {@code --device auto} takes the loadable one with the highest priority.
 */
public interface BackendProvider {

    /** The device name users type: {@code cpu}, {@code cuda}. */
    String name();

    /** Higher wins under {@code auto}; the CPU is 0. */
    int priority();

    /**
     * Loads the backend. Throws with a one-line reason (no driver, no device, native library
     * missing) when it cannot; {@code auto} logs the reason and tries the next provider.
     */
    Backend load() throws Exception;
}
