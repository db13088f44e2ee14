package org.shendu.core;

/**
 * Switches gradient recording off for a block ({@code try (var off = GradMode.off())}): for
 * inference, for optimizer updates and while the backward pass itself runs.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private final boolean previous;

    private GradMode(boolean enabled) {
        boolean[] flag = ENABLED.get();
        previous = flag[0];
        flag[0] = enabled;
    }

    public static GradMode off() {
        return new GradMode(false);
    }

    public static boolean enabled() {
        return ENABLED.get()[0];
    }

    @Override
    public void close() {
        ENABLED.get()[0] = previous;
    }
}
