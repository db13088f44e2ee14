package org.shendu.backend.cuda;

import org.shendu.core.Device;

/** Whether {@code Device.of("cuda")} loads here, decided once per test JVM; GPU tests skip when it does not. */
public final class GpuAvailability {
    private static String reason;
    private static boolean checked;

    private GpuAvailability() {}

    /** Null when the CUDA device loads, else the one-line reason it does not. */
    public static synchronized String reason() {
        if (!checked) {
            checked = true;
            try {
                Device.of("cuda");
            } catch (RuntimeException e) {
                reason = e.getMessage();
                System.out.println("GPU tests skipped: " + reason);
            }
        }
        return reason;
    }
}
