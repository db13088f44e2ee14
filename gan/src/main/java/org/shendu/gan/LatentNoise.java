package org.shendu.gan;

import java.util.Random;
import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * Latent vectors drawn on the host from a seed ({@code java.util.Random.nextGaussian}, whose
 * sequence the Java specification fixes), so fixed-noise grids and evaluation samples are the same
 * on every device and do not disturb the device's random stream.
 */
public final class LatentNoise {
    private LatentNoise() {}

    /** {@code n x dim} values from N(0, 1). */
    public static float[] gaussian(long seed, int n, int dim) {
        Random r = new Random(seed);
        float[] z = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    /** Rows {@code from .. from+n-1} of {@code z} as a {@code [n, dim]} tensor. */
    public static Tensor rows(Device device, float[] z, int dim, int from, int n) {
        float[] part = new float[n * dim];
        System.arraycopy(z, from * dim, part, 0, n * dim);
        return device.tensor(part, n, dim);
    }

    /** One-hot rows {@code [n, classes]} for {@code labels}. */
    public static Tensor oneHot(Device device, int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1f;
        }
        return device.tensor(v, labels.length, classes);
    }
}
