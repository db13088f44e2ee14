package org.shendu.gan;

/**
 * Walks through the latent space, as latent rows for {@link Sampler}: linear interpolation
 * {@code (1 - t) a + t b}; spherical interpolation (Shoemake 1985; White 2016, "Sampling Generative
 * Networks") {@code sin((1 - t) w) / sin w a + sin(t w) / sin w b} with {@code w} the angle between a
 * and b, which keeps the points at the norm a Gaussian latent vector typically has, where the
 * straight line passes through the low-norm middle; and the traversal of one dimension.
 */
public final class LatentPaths {
    private LatentPaths() {}

    /** {@code steps} points from {@code a} to {@code b} (both included), linearly. */
    public static float[] linear(float[] a, float[] b, int steps) {
        int d = a.length;
        float[] out = new float[steps * d];
        for (int s = 0; s < steps; s++) {
            double t = steps == 1 ? 0 : (double) s / (steps - 1);
            for (int i = 0; i < d; i++) {
                out[s * d + i] = (float) ((1 - t) * a[i] + t * b[i]);
            }
        }
        return out;
    }

    /** {@code steps} points from {@code a} to {@code b} (both included) along the great circle; linear when a and b are parallel. */
    public static float[] spherical(float[] a, float[] b, int steps) {
        int d = a.length;
        double na = 0, nb = 0, dot = 0;
        for (int i = 0; i < d; i++) {
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            dot += (double) a[i] * b[i];
        }
        double cos = dot / Math.sqrt(na * nb);
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        if (Math.sin(omega) < 1e-6) {
            return linear(a, b, steps);
        }
        float[] out = new float[steps * d];
        for (int s = 0; s < steps; s++) {
            double t = steps == 1 ? 0 : (double) s / (steps - 1);
            double wa = Math.sin((1 - t) * omega) / Math.sin(omega), wb = Math.sin(t * omega) / Math.sin(omega);
            for (int i = 0; i < d; i++) {
                out[s * d + i] = (float) (wa * a[i] + wb * b[i]);
            }
        }
        return out;
    }

    /** {@code steps} copies of {@code base} with dimension {@code dim} set to values from {@code -range} to {@code range}. */
    public static float[] traverse(float[] base, int dim, float range, int steps) {
        if (dim < 0 || dim >= base.length) {
            throw new org.shendu.core.ShenduException("latent dimension " + dim + " is out of range 0-" + (base.length - 1));
        }
        int d = base.length;
        float[] out = new float[steps * d];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(base, 0, out, s * d, d);
            out[s * d + dim] = steps == 1 ? 0 : (float) (-range + 2.0 * range * s / (steps - 1));
        }
        return out;
    }
}
